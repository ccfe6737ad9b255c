package de.kommunalmarkt.web.page.chart;

import io.quarkus.qute.TemplateData;

/**
 * A tick of a value axis: its grid line ({@code x1,y1} to {@code x2,y2}), where its label stands
 * ({@code labelX,labelY}, anchored {@code anchor}: start, middle or end) and whether it is the zero line.
 * Coordinates are SVG user units as text with a decimal point.
 */
@TemplateData
public record Tick(String x1, String y1, String x2, String y2, String labelX, String labelY, String anchor,
        String label, boolean zero) {
}

package de.kommunalmarkt.web.page.chart;

import io.quarkus.qute.TemplateData;

/** A label of the category axis (a month, a solution): shown text, full text for the tooltip, position. */
@TemplateData
public record AxisLabel(String x, String y, String anchor, String text, String full) {
}

package de.kommunalmarkt.web.page.chart;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** A row of a chart's table ({@code tags/chart.html}): the category and each series' value as text. */
@TemplateData
public record TableRow(String label, List<String> values) {
}

package de.kommunalmarkt.web.page.chart;

import static de.kommunalmarkt.web.page.chart.Axis.c;

import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a line chart, rendered server-side as SVG by {@code tags/chartLine.html}: one line
 * per series over the same categories (months 1 … 36), told apart by dash pattern and marker shape as
 * well as colour, with the zero line drawn stronger (where a cumulative curve breaks even). The same
 * figures go in a table below the chart.
 */
@TemplateData
public final class LineChart extends Chart {

    static final int HEIGHT = 340;
    static final double LEFT = 112;
    static final double BOTTOM = 44;

    /** One series: its name (legend, table heading), a style class and one value per category (null: none). */
    @TemplateData
    public record Series(String name, String style, List<BigDecimal> values) {
    }

    /** A marker of a line with its tooltip. */
    @TemplateData
    public record Point(String x, String y, String title) {
    }

    /** A drawn line: the polyline's points ("x,y x,y ..."), its markers, name and style class. */
    @TemplateData
    public record Line(String name, String style, String points, List<Point> markers, boolean square) {
    }

    private final List<Line> lines;
    private final List<TableRow> rows;
    private final List<String> seriesNames;

    private LineChart(String id, String title, String description, String labelHeader, Scale scale, List<Line> lines,
            List<Tick> ticks, List<AxisLabel> labels, List<TableRow> rows, List<String> seriesNames) {
        super(id, title, description, labelHeader, HEIGHT, scale, ticks, labels);
        this.lines = List.copyOf(lines);
        this.rows = List.copyOf(rows);
        this.seriesNames = List.copyOf(seriesNames);
    }

    /**
     * A chart of {@code series} over {@code categories} (each series has a value per category; missing
     * values leave a point out).
     */
    public static LineChart of(String id, String title, String description, String labelHeader,
            List<String> categories, List<Series> series, Unit unit) {
        List<BigDecimal> all = series.stream().flatMap(s -> s.values().stream()).toList();
        Scale scale = Scale.covering(all, Scale.DEFAULT_TICKS + 1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + plotHeight;
        int n = categories.size();
        List<Tick> ticks = Axis.ticksUp(scale, unit, LEFT, TOP, plotWidth, plotHeight);
        int every = Axis.labelEvery(n);
        List<AxisLabel> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // the last category is always labelled, so the reader sees where the range ends
            if (every == 1 || i % every == every - 1) {
                labels.add(Axis.below(x(i, n, plotWidth), bottom, categories.get(i), categories.get(i)));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            StringBuilder points = new StringBuilder();
            List<Point> markers = new ArrayList<>();
            for (int i = 0; i < n && i < one.values().size(); i++) {
                BigDecimal v = one.values().get(i);
                if (v == null) {
                    continue;
                }
                String px = c(x(i, n, plotWidth));
                String py = c(Axis.y(scale, v.doubleValue(), TOP, plotHeight));
                if (!points.isEmpty()) {
                    points.append(' ');
                }
                points.append(px).append(',').append(py);
                markers.add(new Point(px, py, one.name() + ", " + categories.get(i) + ": " + ChartFormat.value(v, unit)));
            }
            lines.add(new Line(one.name(), one.style(), points.toString(), markers, s % 2 == 1));
        }
        List<TableRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> values = new ArrayList<>();
            for (Series one : series) {
                values.add(ChartFormat.value(i < one.values().size() ? one.values().get(i) : null, unit));
            }
            rows.add(new TableRow(categories.get(i), values));
        }
        return new LineChart(id, title, description, labelHeader, scale, lines, ticks, labels, rows,
                series.stream().map(Series::name).toList());
    }

    /** The x of category {@code i} of {@code n}: spread over the width, the first at the left edge. */
    private static double x(int i, int n, double plotWidth) {
        return n <= 1 ? LEFT + plotWidth / 2 : LEFT + plotWidth * i / (n - 1);
    }

    public List<Line> getLines() {
        return lines;
    }

    @Override
    public List<TableRow> getRows() {
        return rows;
    }

    @Override
    public List<String> getSeriesNames() {
        return seriesNames;
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}

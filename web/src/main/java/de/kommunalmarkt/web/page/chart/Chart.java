package de.kommunalmarkt.web.page.chart;

import java.util.List;

/**
 * What every chart shows, as {@code tags/chart.html} frames it: its element id (the figure's; the title's and
 * description's ids derive from it), a title and a description (the drawing's accessible name and description, the
 * table's caption), the drawing's size, the value axis ({@link Scale} and its ticks) and the category labels, and
 * the same figures as a table: the category column's heading, a column per series, a row per category. What each
 * chart draws between axis and labels is its own ({@link BarChart}, {@link LineChart}).
 */
public abstract sealed class Chart permits BarChart, LineChart {

    /** The drawing's width in SVG user units; it scales to the page width. */
    public static final int WIDTH = 720;
    /** Room above the plot. */
    static final double TOP = 16;
    /** Room right of the plot. */
    static final double RIGHT = 24;

    private final String id;
    private final String title;
    private final String description;
    private final String labelHeader;
    private final int height;
    private final Scale scale;
    private final List<Tick> ticks;
    private final List<AxisLabel> labels;

    Chart(String id, String title, String description, String labelHeader, int height, Scale scale, List<Tick> ticks,
            List<AxisLabel> labels) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.labelHeader = labelHeader;
        this.height = height;
        this.scale = scale;
        this.ticks = List.copyOf(ticks);
        this.labels = List.copyOf(labels);
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    /** The table's heading of the category column ("Monat"). */
    public String getLabelHeader() {
        return labelHeader;
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return height;
    }

    public Scale getScale() {
        return scale;
    }

    public List<Tick> getTicks() {
        return ticks;
    }

    public List<AxisLabel> getLabels() {
        return labels;
    }

    /** The table's value columns: the name of each series. */
    public abstract List<String> getSeriesNames();

    /** The table's rows: each category with each series' value as text. */
    public abstract List<TableRow> getRows();

    /** Whether there is nothing to draw (the page says so instead of an empty chart). */
    public abstract boolean isEmpty();
}

package de.kommunalmarkt.web.page.chart;

import static de.kommunalmarkt.web.page.chart.Axis.c;

import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a bar chart, rendered server-side as SVG by {@code tags/chartBar.html}: one bar per
 * item, upwards (vertical, for short labels such as months) or to the right (horizontal, for long
 * labels such as solution names), negative values the other way from the zero line. The same figures
 * go in a table below the chart. The values come from an API as they are; nothing is computed here
 * but positions.
 */
@TemplateData
public final class BarChart extends Chart {

    static final int VERTICAL_HEIGHT = 320;
    static final double VERTICAL_LEFT = 104;
    static final double VERTICAL_BOTTOM = 44;
    static final double HORIZONTAL_LEFT = 232;
    /** Room right of a horizontal chart, for the last tick's label centred on the edge. */
    static final double HORIZONTAL_RIGHT = 44;
    static final double HORIZONTAL_BOTTOM = 36;
    static final double ROW = 34;
    static final double MAX_BAR_WIDTH = 64;
    static final int MAX_LABEL_CHARS = 28;

    /**
     * One figure: what it is ({@code label}, shown in the table and tooltip), the shorter text on the axis
     * ({@code axis}: "Nov. 26" for "November 2026") and its value.
     */
    @TemplateData
    public record Item(String label, String axis, BigDecimal value) {
        public Item(String label, BigDecimal value) {
            this(label, label, value);
        }
    }

    /** One bar: its rectangle, the item, and the value as text; {@code title} is its tooltip. */
    @TemplateData
    public record Bar(String x, String y, String width, String height, String label, BigDecimal value,
            String valueText, boolean negative) {
        public String title() {
            return label + ": " + valueText;
        }
    }

    private final String valueHeader;
    private final boolean horizontal;
    private final List<Bar> bars;

    private BarChart(String id, String title, String description, String labelHeader, String valueHeader,
            boolean horizontal, int height, Scale scale, List<Bar> bars, List<Tick> ticks, List<AxisLabel> labels) {
        super(id, title, description, labelHeader, height, scale, ticks, labels);
        this.valueHeader = valueHeader;
        this.horizontal = horizontal;
        this.bars = List.copyOf(bars);
    }

    /**
     * Bars upwards, one per item in the given order.
     *
     * @param id          the element id of the chart (its figure; title and description ids derive from it)
     * @param labelHeader the table's heading of the item column ("Monat")
     * @param valueHeader the table's heading of the value column ("Nettoerlös")
     */
    public static BarChart vertical(String id, String title, String description, String labelHeader,
            String valueHeader, List<Item> items, Unit unit) {
        Scale scale = Scale.covering(items.stream().map(Item::value).toList(), Scale.DEFAULT_TICKS);
        double left = VERTICAL_LEFT;
        double plotWidth = WIDTH - left - RIGHT;
        double plotHeight = VERTICAL_HEIGHT - TOP - VERTICAL_BOTTOM;
        double bottom = TOP + plotHeight;
        double zeroY = Axis.y(scale, 0, TOP, plotHeight);
        List<Tick> ticks = Axis.ticksUp(scale, unit, left, TOP, plotWidth, plotHeight);
        int n = items.size();
        double slot = n == 0 ? plotWidth : plotWidth / n;
        double barWidth = Math.min(MAX_BAR_WIDTH, slot * 0.7);
        int every = Axis.labelEvery(n);
        List<Bar> bars = new ArrayList<>();
        List<AxisLabel> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            double value = item.value() == null ? 0 : item.value().doubleValue();
            double vy = Axis.y(scale, value, TOP, plotHeight);
            double x = left + i * slot + (slot - barWidth) / 2;
            bars.add(new Bar(c(x), c(Math.min(vy, zeroY)), c(barWidth), c(Math.abs(vy - zeroY)), item.label(),
                    item.value(), ChartFormat.value(item.value(), unit), value < 0));
            if (i % every == 0) {
                labels.add(Axis.below(left + i * slot + slot / 2, bottom,
                        ChartFormat.shorten(item.axis(), Math.max(4, (int) (slot * every / 6))), item.label()));
            }
        }
        return new BarChart(id, title, description, labelHeader, valueHeader, false, VERTICAL_HEIGHT, scale, bars,
                ticks, labels);
    }

    /** Bars to the right, one row per item in the given order; the chart grows with the number of items. */
    public static BarChart horizontal(String id, String title, String description, String labelHeader,
            String valueHeader, List<Item> items, Unit unit) {
        Scale scale = Scale.covering(items.stream().map(Item::value).toList(), Scale.DEFAULT_TICKS - 1);
        int n = items.size();
        double left = HORIZONTAL_LEFT;
        double plotWidth = WIDTH - left - HORIZONTAL_RIGHT;
        double plotHeight = Math.max(1, n) * ROW;
        int height = (int) Math.ceil(TOP + plotHeight + HORIZONTAL_BOTTOM);
        double zeroX = Axis.x(scale, 0, left, plotWidth);
        List<Tick> ticks = Axis.ticksRight(scale, unit, left, TOP, plotWidth, plotHeight);
        List<Bar> bars = new ArrayList<>();
        List<AxisLabel> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            double value = item.value() == null ? 0 : item.value().doubleValue();
            double vx = Axis.x(scale, value, left, plotWidth);
            double rowTop = TOP + i * ROW;
            bars.add(new Bar(c(Math.min(vx, zeroX)), c(rowTop + 7), c(Math.abs(vx - zeroX)), c(ROW - 14), item.label(),
                    item.value(), ChartFormat.value(item.value(), unit), value < 0));
            labels.add(Axis.leftOf(left, rowTop + ROW / 2, ChartFormat.shorten(item.axis(), MAX_LABEL_CHARS),
                    item.label()));
        }
        return new BarChart(id, title, description, labelHeader, valueHeader, true, height, scale, bars, ticks, labels);
    }

    /** The table's heading of the value column ("Nettoerlös"). */
    public String getValueHeader() {
        return valueHeader;
    }

    public boolean isHorizontal() {
        return horizontal;
    }

    public List<Bar> getBars() {
        return bars;
    }

    /** A bar chart is one series, named by the value header. */
    @Override
    public List<String> getSeriesNames() {
        return List.of(valueHeader);
    }

    /** Each bar's label and value. */
    @Override
    public List<TableRow> getRows() {
        return bars.stream().map(b -> new TableRow(b.label(), List.of(b.valueText()))).toList();
    }

    @Override
    public boolean isEmpty() {
        return bars.isEmpty();
    }
}

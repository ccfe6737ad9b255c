package de.kommunalmarkt.web.page.chart;

import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * The axes the charts share: where a value lies on the value axis ({@link Scale}), its ticks with their grid
 * lines and labels, and the labels of the category axis. Positions are SVG user units; {@code left} and
 * {@code top} are the plot's upper left corner, {@code plotWidth} and {@code plotHeight} its size.
 */
final class Axis {

    /** At most this many category labels; with more categories only every second, third … is labelled. */
    static final int MAX_CATEGORY_LABELS = 12;
    /** The gap between the plot's left edge and the labels left of it (they end there). */
    static final double LABEL_GAP = 8;
    /** How far a label's baseline lies below the point it belongs to, so that it is centred on it. */
    static final double BASELINE = 4;
    /** How far the labels below the plot lie below its bottom edge. */
    static final double BELOW = 18;

    private Axis() {
    }

    /** The y of {@code value} on a value axis upwards: the scale's min at the plot's bottom, its max at the top. */
    static double y(Scale scale, double value, double top, double plotHeight) {
        return top + plotHeight * (1 - scale.fraction(value));
    }

    /** The x of {@code value} on a value axis to the right: the scale's min at the plot's left edge. */
    static double x(Scale scale, double value, double left, double plotWidth) {
        return left + plotWidth * scale.fraction(value);
    }

    /** The ticks of a value axis upwards: a grid line across the plot for each, its label left of the plot. */
    static List<Tick> ticksUp(Scale scale, Unit unit, double left, double top, double plotWidth, double plotHeight) {
        List<Tick> ticks = new ArrayList<>();
        for (double t : scale.ticks()) {
            double ty = y(scale, t, top, plotHeight);
            ticks.add(new Tick(c(left), c(ty), c(left + plotWidth), c(ty), c(left - LABEL_GAP), c(ty + BASELINE), "end",
                    ChartFormat.tick(t, scale.step(), unit), t == 0));
        }
        return ticks;
    }

    /** The ticks of a value axis to the right: a grid line up the plot for each, its label below the plot. */
    static List<Tick> ticksRight(Scale scale, Unit unit, double left, double top, double plotWidth, double plotHeight) {
        double bottom = top + plotHeight;
        List<Tick> ticks = new ArrayList<>();
        for (double t : scale.ticks()) {
            double tx = x(scale, t, left, plotWidth);
            ticks.add(new Tick(c(tx), c(top), c(tx), c(bottom), c(tx), c(bottom + BELOW), "middle",
                    ChartFormat.tick(t, scale.step(), unit), t == 0));
        }
        return ticks;
    }

    /** Every how many of {@code categories} one is labelled below the plot: 1 (each) up to {@link #MAX_CATEGORY_LABELS}. */
    static int labelEvery(int categories) {
        return Math.max(1, (int) Math.ceil(categories / (double) MAX_CATEGORY_LABELS));
    }

    /** A category label below the plot, centred on {@code x}; {@code full} is its whole text (a tooltip if shortened). */
    static AxisLabel below(double x, double bottom, String text, String full) {
        return new AxisLabel(c(x), c(bottom + BELOW), "middle", text, full);
    }

    /** A category label left of the plot, ending there, centred on {@code y}. */
    static AxisLabel leftOf(double left, double y, String text, String full) {
        return new AxisLabel(c(left - LABEL_GAP), c(y + BASELINE), "end", text, full);
    }

    /** A position as SVG wants it. */
    static String c(double value) {
        return ChartFormat.coordinate(value);
    }
}

package de.kommunalmarkt.web.page.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a chart: a range from {@code min} to {@code max} in whole {@code step}s of 1, 2,
 * 2.5 or 5 times a power of ten ("nice numbers"), always including 0 so bars start at the zero line
 * and negative values (a break-even curve below zero) go the other way. Data that is all zero, or
 * none at all, gets the range 0 to 1.
 */
public record Scale(double min, double max, double step) {

    /** At most this many ticks unless asked otherwise: enough to read values, few enough to label. */
    public static final int DEFAULT_TICKS = 6;

    /** A scale covering {@code values} (nulls ignored) and 0, with about {@code maxTicks} ticks. */
    public static Scale covering(List<BigDecimal> values, int maxTicks) {
        double lo = 0;
        double hi = 0;
        for (BigDecimal v : values) {
            if (v != null) {
                lo = Math.min(lo, v.doubleValue());
                hi = Math.max(hi, v.doubleValue());
            }
        }
        return of(lo, hi, maxTicks);
    }

    /** A scale from {@code dataMin} to {@code dataMax} (0 is always included). */
    public static Scale of(double dataMin, double dataMax, int maxTicks) {
        double lo = Math.min(0, dataMin);
        double hi = Math.max(0, dataMax);
        if (lo == hi) {
            hi = 1;
        }
        int ticks = Math.max(2, maxTicks);
        double step = nice((hi - lo) / (ticks - 1));
        // a range that starts at a negative value needs room on both sides of 0: adjust until it fits
        double min = Math.floor(lo / step + 1e-9) * step;
        double max = Math.ceil(hi / step - 1e-9) * step;
        while (Math.round((max - min) / step) + 1 > ticks + 1) {
            step = nice(step * 1.01);
            min = Math.floor(lo / step + 1e-9) * step;
            max = Math.ceil(hi / step - 1e-9) * step;
        }
        return new Scale(clean(min, step), clean(max, step), step);
    }

    /** The smallest nice number (1, 2, 2.5, 5 × 10^n) at least {@code rough}. */
    static double nice(double rough) {
        double exponent = Math.floor(Math.log10(rough));
        double power = Math.pow(10, exponent);
        double fraction = rough / power;
        double nice;
        if (fraction <= 1 + 1e-9) {
            nice = 1;
        } else if (fraction <= 2 + 1e-9) {
            nice = 2;
        } else if (fraction <= 2.5 + 1e-9) {
            nice = 2.5;
        } else if (fraction <= 5 + 1e-9) {
            nice = 5;
        } else {
            nice = 10;
        }
        return BigDecimal.valueOf(nice * power).round(new java.math.MathContext(3)).doubleValue();
    }

    /** The tick values from min to max, computed from whole steps so no rounding error creeps in. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(clean(min + i * step, step));
        }
        return ticks;
    }

    /** Where {@code value} lies between min (0) and max (1). */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** A value rounded to the step's decimals (0.30000000000000004 becomes 0.3), never -0. */
    private static double clean(double value, double step) {
        int decimals = ChartFormat.decimalsOf(step) + 1;
        double v = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        return v == 0 ? 0 : v;
    }
}

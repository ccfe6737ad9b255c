package de.kommunalmarkt.web.page.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * German number formats of the charts: values in tooltips and tables ("1.234,50 €"), axis ticks with
 * only the decimals their step needs ("120.000 €", "0,5"), and SVG coordinates, which always need a
 * decimal point whatever the locale.
 */
public final class ChartFormat {

    private static final Locale DE = Locale.GERMANY;
    /** Between number and unit, so "1.234,50 €" never breaks across lines. */
    static final String NBSP = "\u00a0";

    /** What the values count. */
    public enum Unit {
        /** Euro amounts: two decimals in tables, a € sign. */
        EURO,
        /** Plain numbers (municipalities, months): no unit, up to two decimals. */
        COUNT
    }

    private ChartFormat() {
    }

    /** A value as tooltips and tables show it; "–" for a missing value. */
    public static String value(BigDecimal value, Unit unit) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(DE);
        if (unit == Unit.EURO) {
            format.setMinimumFractionDigits(2);
            format.setMaximumFractionDigits(2);
            return format.format(value.setScale(2, RoundingMode.HALF_UP)) + NBSP + "€";
        }
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    /** An axis tick: as many decimals as the step between ticks needs (none for a step of 1 or more). */
    public static String tick(double value, double step, Unit unit) {
        int decimals = decimalsOf(step);
        if (unit == Unit.EURO && decimals > 0) {
            decimals = Math.max(2, decimals); // cents: "0,50 €", never "0,5 €"
        }
        NumberFormat format = NumberFormat.getNumberInstance(DE);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = BigDecimal.ZERO.setScale(decimals); // never "-0"
        }
        String text = format.format(rounded);
        return unit == Unit.EURO ? text + NBSP + "€" : text;
    }

    /** The decimals a tick step needs: 0 for 1, 10, 2,5 needs 1, 0,25 needs 2. */
    static int decimalsOf(double step) {
        if (!(step > 0) || Double.isInfinite(step)) {
            return 0;
        }
        BigDecimal exact = BigDecimal.valueOf(step).stripTrailingZeros();
        return Math.max(0, Math.min(exact.scale(), 6));
    }

    /** An SVG coordinate, rounded to a tenth, with a decimal point ("12.5", "-3", "0"). */
    public static String coordinate(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == 0) {
            return "0";
        }
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    /** A label shortened to {@code max} characters with an ellipsis (the full text goes in a tooltip). */
    public static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, Math.max(1, max - 1)).stripTrailing() + "…";
    }
}

package de.kommunalmarkt.events;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A billing period: one calendar month, written {@code YYYY-MM}. The one definition of its form: billing
 * parses request parameters and events with {@link #parse}, and the JSON Schemas
 * ({@code schemas/common.schema.json}, {@code Period}) carry {@link #PATTERN} (a test keeps them equal).
 */
public record BillingPeriod(YearMonth month) implements Comparable<BillingPeriod> {

    /** The whole value must match: four digits, a dash, a month 01–12. */
    public static final String PATTERN = "[0-9]{4}-(0[1-9]|1[0-2])";

    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public BillingPeriod {
        Objects.requireNonNull(month, "month is required");
    }

    public static BillingPeriod of(int year, int month) {
        return new BillingPeriod(YearMonth.of(year, month));
    }

    /** Parses {@code YYYY-MM}, e.g. {@code 2026-11}; anything else is refused with the expected format. */
    public static BillingPeriod parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("billing period must be YYYY-MM with a month 01-12 (e.g. 2026-11), got '"
                    + text + "'");
        }
        return new BillingPeriod(YearMonth.parse(text));
    }

    /** D, the number of days of the month. */
    public int days() {
        return month.lengthOfMonth();
    }

    public LocalDate firstDay() {
        return month.atDay(1);
    }

    public LocalDate lastDay() {
        return month.atEndOfMonth();
    }

    public boolean contains(LocalDate date) {
        return YearMonth.from(date).equals(month);
    }

    @Override
    public int compareTo(BillingPeriod other) {
        return month.compareTo(other.month);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}

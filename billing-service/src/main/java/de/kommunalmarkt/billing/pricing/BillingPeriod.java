package de.kommunalmarkt.billing.pricing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/** A billing period: one calendar month, written {@code YYYY-MM}. */
public record BillingPeriod(YearMonth month) implements Comparable<BillingPeriod> {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");

    public BillingPeriod {
        Objects.requireNonNull(month, "month is required");
    }

    public static BillingPeriod of(int year, int month) {
        return new BillingPeriod(YearMonth.of(year, month));
    }

    /** Parses {@code YYYY-MM}, e.g. {@code 2026-11}; anything else is refused with the expected format. */
    public static BillingPeriod parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("billing period must be YYYY-MM (e.g. 2026-11), got '" + text + "'");
        }
        try {
            return new BillingPeriod(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "billing period must be YYYY-MM with a month 01-12, got '" + text + "'", e);
        }
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

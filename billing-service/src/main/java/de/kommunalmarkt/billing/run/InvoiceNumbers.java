package de.kommunalmarkt.billing.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Invoice numbers {@code KM-YYYY-NNNNNN}, consecutive within the year of issue. They are taken from the
 * year's counter row in the transaction that writes the invoices: the row stays locked until that
 * transaction ends, so concurrent issuers queue behind it, and a rollback returns the numbers with the
 * invoices — no gaps, no duplicates.
 */
public final class InvoiceNumbers {

    static final long MAX_PER_YEAR = 999_999;

    private InvoiceNumbers() {
    }

    /** Reserves {@code count} numbers of the year; returns the first. */
    public static long reserve(Connection c, int year, int count) throws SQLException {
        try (PreparedStatement create = c.prepareStatement(
                "insert into invoice_number_counter (year, last_number) values (?, 0) on conflict (year) do nothing")) {
            create.setInt(1, year);
            create.executeUpdate();
        }
        try (PreparedStatement take = c.prepareStatement(
                "update invoice_number_counter set last_number = last_number + ? where year = ? returning last_number")) {
            take.setInt(1, count);
            take.setInt(2, year);
            try (ResultSet rs = take.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                if (last > MAX_PER_YEAR) {
                    throw new IllegalStateException("invoice numbers of " + year + " are exhausted (" + MAX_PER_YEAR + ")");
                }
                return last - count + 1;
            }
        }
    }

    public static String format(int year, long number) {
        return "KM-" + year + "-" + String.format("%06d", number);
    }
}

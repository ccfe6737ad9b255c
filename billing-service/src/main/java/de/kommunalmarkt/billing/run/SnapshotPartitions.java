package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import de.kommunalmarkt.events.BillingPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A run's snapshot lives in one partition per snapshot table ({@code billing_run_municipality},
 * {@code billing_run_license}, {@code billing_run_suspension}, LIST partitioned by run id), named after the
 * run's period ({@code billing_run_license_2026_10}). The transaction that takes the snapshot creates them, so a
 * rollback leaves none; retention drops them whole ({@link SnapshotRetention}) — no DELETE of millions of rows,
 * no bloat for VACUUM to clean.
 */
public final class SnapshotPartitions {

    static final List<String> TABLES = List.of("billing_run_municipality", "billing_run_license", "billing_run_suspension");

    private SnapshotPartitions() {
    }

    /** The partition of {@code table} that holds the run of {@code period}. */
    public static String name(String table, BillingPeriod period) {
        return table + "_" + period.toString().replace('-', '_');
    }

    /** Creates the run's partitions (if a rolled-back attempt did not leave them, which it cannot). */
    static void create(Connection c, UUID runId, BillingPeriod period) throws SQLException {
        for (String table : TABLES) {
            update(c, "create table if not exists " + name(table, period) + " partition of " + table
                    + " for values in ('" + runId + "')");
        }
    }

    /** Drops the run's partitions with their rows. */
    static void drop(Connection c, BillingPeriod period) throws SQLException {
        for (String table : TABLES) {
            update(c, "drop table if exists " + name(table, period));
        }
    }

    /** Bytes the run's snapshot occupies on disk (tables, indexes and TOAST of its partitions); 0 when pruned. */
    public static long bytes(Connection c, BillingPeriod period) throws SQLException {
        long bytes = 0;
        for (String table : TABLES) {
            try (PreparedStatement s = c.prepareStatement(
                    "select coalesce(pg_total_relation_size(to_regclass(?)), 0)")) {
                s.setString(1, name(table, period));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    bytes += rs.getLong(1);
                }
            }
        }
        return bytes;
    }
}

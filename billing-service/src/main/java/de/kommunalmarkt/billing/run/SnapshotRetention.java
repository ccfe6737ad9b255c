package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import de.kommunalmarkt.events.BillingPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drops the snapshots no correction can need any more. A run's snapshot grows by the licence count every month
 * (ten million rows a month at the scale of Germany); the corrections ledger needs, of an earlier period, only
 * what its run fixed about the directory (the inhabitants, {@link CorrectionPlanner}) and only within the
 * correction window ({@code billing.corrections.window-months}) of a later run. The documents themselves — invoices,
 * lines, credit notes, the ledger — are never touched.
 *
 * <p>The rule: the snapshot of a COMPLETED run whose period lies more than {@code keepMonths} before the current
 * month is dropped, partitions and all ({@link SnapshotPartitions}), and the run records when
 * ({@code snapshot_pruned_at}). With {@code keepMonths} at least the correction window plus one (the month being
 * billed), the run of the previous month — the latest any run bills — still finds every earlier period of its
 * window with its snapshot; {@link #requireKeepsWindow} refuses a configuration that would not.
 */
public final class SnapshotRetention {

    private static final Logger LOG = Logger.getLogger(SnapshotRetention.class);

    private SnapshotRetention() {
    }

    /** Refuses a retention shorter than the correction window needs. */
    public static void requireKeepsWindow(int keepMonths, int correctionWindowMonths) {
        if (keepMonths < correctionWindowMonths + 1) {
            throw new IllegalArgumentException("billing.retention.keep-months must be at least the correction window ("
                    + "billing.corrections.window-months = " + correctionWindowMonths + ") plus one, got " + keepMonths);
        }
    }

    /** The oldest period whose snapshot is kept in {@code currentMonth}. */
    public static BillingPeriod oldestKept(YearMonth currentMonth, int keepMonths) {
        return new BillingPeriod(currentMonth.minusMonths(keepMonths));
    }

    /**
     * Drops the snapshots of completed runs older than {@link #oldestKept}, one run per transaction (the
     * connection's auto-commit is switched off); returns their periods.
     */
    public static List<BillingPeriod> prune(Connection c, YearMonth currentMonth, int keepMonths) throws SQLException {
        BillingPeriod oldestKept = oldestKept(currentMonth, keepMonths);
        c.setAutoCommit(false);
        List<BillingPeriod> pruned = new ArrayList<>();
        for (UUID runId : candidates(c, oldestKept)) {
            // The run's row lock: no execution of this run is taking place (a completed run has none anyway).
            try (PreparedStatement s = c.prepareStatement("select period from billing_run where id = ? and state = ? "
                    + "and snapshot_at is not null and snapshot_pruned_at is null for update")) {
                s.setObject(1, runId);
                s.setString(2, BillingRunState.COMPLETED.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        continue;
                    }
                    BillingPeriod period = BillingPeriod.parse(rs.getString(1));
                    long bytes = SnapshotPartitions.bytes(c, period);
                    SnapshotPartitions.drop(c, period);
                    update(c, "update billing_run set snapshot_pruned_at = now() where id = ?", runId);
                    c.commit();
                    pruned.add(period);
                    LOG.infof("Snapshot of billing run %s for %s dropped (%,d bytes); its period is before %s, outside "
                            + "every correction window", runId, period, bytes, oldestKept);
                }
            }
        }
        c.commit();
        return pruned;
    }

    private static List<UUID> candidates(Connection c, BillingPeriod oldestKept) throws SQLException {
        List<UUID> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id from billing_run where state = ? and period < ? "
                + "and snapshot_at is not null and snapshot_pruned_at is null order by period")) {
            s.setString(1, BillingRunState.COMPLETED.name());
            s.setString(2, oldestKept.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return runs;
    }
}

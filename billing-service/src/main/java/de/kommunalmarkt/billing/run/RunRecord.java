package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import de.kommunalmarkt.events.BillingPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The {@code billing_run} row as an execution reads it when it starts, and every write the engine makes to it:
 * opened once per period ({@code period} is unique) as {@link BillingRunState#RUNNING}, locked by each
 * execution, its snapshot, scope and progress recorded, completed once. The entity {@link BillingRun} reads
 * the same row for REST.
 */
record RunRecord(UUID id, BillingPeriod period, BillingRunState state, LocalDate issueDate, LocalDate dueDate,
        Instant snapshotAt, String lastDoneAgs) {

    private static final Logger LOG = Logger.getLogger(RunRecord.class);

    /** What completing the run recorded: the invoices it issued over all executions and when it ran. */
    record Completion(long invoices, Instant startedAt, Instant completedAt) {

        Duration duration() {
            return Duration.between(startedAt, completedAt);
        }
    }

    boolean completed() {
        return state == BillingRunState.COMPLETED;
    }

    /** The id of the period's run, opened now (RUNNING, to be executed) if there is none yet. */
    static UUID open(Connection c, BillingPeriod period, String triggeredBy, LocalDate issueDate, LocalDate dueDate)
            throws SQLException {
        if (update(c, """
                insert into billing_run (id, period, state, triggered_by, issue_date, due_date, created_at)
                values (?, ?, ?, ?, ?, ?, now()) on conflict (period) do nothing""", UUID.randomUUID(), period.toString(),
                BillingRunState.RUNNING.name(), triggeredBy, issueDate, dueDate) == 1) {
            LOG.infof("Billing run for %s opened by %s", period, triggeredBy);
        }
        try (PreparedStatement find = c.prepareStatement("select id from billing_run where period = ?")) {
            find.setString(1, period.toString());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** The runs left RUNNING, e.g. by a crashed instance, oldest period first. */
    static List<UUID> unfinished(Connection c) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        // The state as a literal, so the partial index billing_run_running (where state = 'RUNNING') applies.
        try (PreparedStatement s = c.prepareStatement("select id from billing_run where state = '"
                + BillingRunState.RUNNING + "' order by period");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** The run's row, locked for the caller's transaction. */
    static RunRecord lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select period, state, issue_date, due_date, snapshot_at, "
                + "last_done_ags from billing_run where id = ? for update")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no billing run " + id);
                }
                Timestamp snapshotAt = rs.getTimestamp(5);
                return new RunRecord(id, BillingPeriod.parse(rs.getString(1)), BillingRunState.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        snapshotAt == null ? null : snapshotAt.toInstant(), rs.getString(6));
            }
        }
    }

    /** Counts an execution; the first one's start is the run's start. Clears the error of the last one. */
    void startExecution(Connection c) throws SQLException {
        update(c, "update billing_run set executions = executions + 1, started_at = coalesce(started_at, now()), "
                + "last_error = null where id = ?", id);
    }

    /** The inputs are fixed: how many billable licences they hold and how many corrections were planned. */
    void recordSnapshot(Connection c, int licenses, int corrections) throws SQLException {
        update(c, "update billing_run set snapshot_at = now(), licenses_total = ?, corrections_planned = ? where id = ?",
                licenses, corrections, id);
    }

    /** The municipalities the run invoices, and the billable licences it cannot (municipality unknown). */
    void recordScope(Connection c, int municipalities, int licensesSkipped) throws SQLException {
        update(c, "update billing_run set municipalities_total = ?, licenses_skipped = ? where id = ?", municipalities,
                licensesSkipped, id);
    }

    /**
     * A work unit written: its municipalities and what it issued, added to the run's totals. (Runs begun before
     * work units recorded their last AGS done; a resumed one makes units of what follows it.)
     */
    void recordBatch(Connection c, int municipalities, BatchWriter.Issued issued) throws SQLException {
        update(c, "update billing_run set municipalities_done = municipalities_done + ?, "
                + "invoices_issued = invoices_issued + ?, lines_issued = lines_issued + ?, net_total = net_total + ?, "
                + "gross_total = gross_total + ?, credit_notes_issued = credit_notes_issued + ? where id = ?",
                municipalities, issued.invoices(), issued.lines(), issued.net(), issued.gross(),
                issued.creditNotes(), id);
    }

    /** Marks the run COMPLETED now. */
    Completion complete(Connection c) throws SQLException {
        Instant completedAt = Instant.now();
        long invoices;
        Instant startedAt;
        try (PreparedStatement s = c.prepareStatement("select invoices_issued, started_at from billing_run where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                invoices = rs.getLong(1);
                startedAt = rs.getTimestamp(2).toInstant();
            }
        }
        update(c, "update billing_run set state = ?, completed_at = ? where id = ?", BillingRunState.COMPLETED.name(),
                Timestamp.from(completedAt), id);
        return new Completion(invoices, startedAt, completedAt);
    }

    /** Why the last execution stopped; it stays until the next one starts. */
    static void recordError(Connection c, UUID id, String message) throws SQLException {
        update(c, "update billing_run set last_error = ? where id = ?", message, id);
    }
}

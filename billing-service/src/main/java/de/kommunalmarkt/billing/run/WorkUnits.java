package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A run's work units ({@code billing_run_unit}): consecutive positions of the municipalities it bills, as many
 * as {@code billing.run.batch-size} each, created once with the run's inputs. Any number of executions — threads
 * or instances — take part in a run by claiming units:
 *
 * <ul>
 * <li>{@link #claim} locks the lowest open unit with {@code FOR UPDATE SKIP LOCKED} in the transaction that
 *     then writes the unit's documents and marks it done ({@link #markDone}). The claim is that transaction:
 *     a commit makes the unit done, a rollback or a lost connection (a crashed instance) frees it at once for
 *     another execution. There is no lease to expire and no clock to trust.
 * <li>{@link #awaitOpen} is the same claim without SKIP LOCKED: an execution that found every open unit claimed
 *     waits for them; a unit whose holder committed no longer qualifies, one whose holder died is taken over.
 *     When it returns nothing, every unit is done.
 * </ul>
 */
final class WorkUnits {

    /** A claimed unit: positions {@code from..to} of the billed municipalities. */
    record Unit(int unitNo, int from, int to) {
    }

    private WorkUnits() {
    }

    /** Whether the run's units exist (created by the execution that fixed its inputs, or resumed it after V6). */
    static boolean exist(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from billing_run_unit where run_id = ? limit 1")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Splits positions {@code from..total} into units of {@code size}; returns how many. */
    static int create(Connection c, UUID runId, int from, int total, int size) throws SQLException {
        int units = 0;
        try (PreparedStatement s = c.prepareStatement(
                "insert into billing_run_unit (run_id, unit_no, first_position, end_position) values (?, ?, ?, ?)")) {
            for (int position = from; position < total; position += size) {
                s.setObject(1, runId);
                s.setInt(2, units++);
                s.setInt(3, position);
                s.setInt(4, Math.min(total, position + size));
                s.addBatch();
            }
            s.executeBatch();
        }
        return units;
    }

    /** Claims the lowest open unit no other transaction holds, for the caller's transaction; null if none. */
    static Unit claim(Connection c, UUID runId) throws SQLException {
        return lock(c, runId, " skip locked");
    }

    /** Claims the lowest open unit, waiting for those other transactions hold; null once every unit is done. */
    static Unit awaitOpen(Connection c, UUID runId) throws SQLException {
        return lock(c, runId, "");
    }

    private static Unit lock(Connection c, UUID runId, String wait) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select unit_no, first_position, end_position from billing_run_unit "
                + "where run_id = ? and done_at is null order by unit_no limit 1 for update" + wait)) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Unit(rs.getInt(1), rs.getInt(2), rs.getInt(3)) : null;
            }
        }
    }

    /** The unit is done, by {@code instance}: visible once the caller's transaction commits. */
    static void markDone(Connection c, UUID runId, int unitNo, String instance) throws SQLException {
        update(c, "update billing_run_unit set done_at = now(), done_by = ? where run_id = ? and unit_no = ?", instance,
                runId, unitNo);
    }

    /** Units not done yet. */
    static int open(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select count(*) from billing_run_unit where run_id = ? and done_at is null")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

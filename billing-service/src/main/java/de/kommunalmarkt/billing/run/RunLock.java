package de.kommunalmarkt.billing.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock on one run, held by a connection of its own for a whole execution, so a
 * second instance (or thread) does not execute the same run at the same time. Closing releases it.
 */
final class RunLock implements AutoCloseable {

    private final Connection connection;
    private final UUID runId;

    private RunLock(Connection connection, UUID runId) {
        this.connection = connection;
        this.runId = runId;
    }

    /** The run's lock, or null when another execution holds it. */
    static RunLock tryAcquire(DataSource dataSource, UUID runId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (call(connection, "pg_try_advisory_lock", runId)) {
                return new RunLock(connection, runId);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            call(connection, "pg_advisory_unlock", runId);
        }
    }

    private static boolean call(Connection c, String function, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + function + "(?)")) {
            s.setLong(1, runId.getMostSignificantBits() ^ runId.getLeastSignificantBits());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

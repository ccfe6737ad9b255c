package de.kommunalmarkt.billing.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The one JDBC shorthand the run's classes share. */
final class Jdbc {

    private Jdbc() {
    }

    /** Executes an INSERT, UPDATE or DELETE with the parameters in order; returns the rows affected. */
    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }
}

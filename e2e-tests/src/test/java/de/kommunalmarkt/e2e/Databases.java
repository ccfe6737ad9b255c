package de.kommunalmarkt.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-only looks into the services' databases, for proving that a refused request changed nothing. */
public final class Databases {

    public static final List<String> ALL = List.of("catalog", "licensing", "billing");

    private final LocalStack stack;

    public Databases(LocalStack stack) {
        this.stack = stack;
    }

    /** Rows per table ({@code database.table}) in all three databases. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String db : ALL) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("select count(*) from \"" + table + "\"")) {
                        rs.next();
                        counts.put(db + "." + table, rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rows in " + db, e);
            }
        }
        return counts;
    }

    /**
     * Per table ({@code database.table}): row count and a digest of every row's content, so that an
     * update that keeps the count is seen too.
     */
    public Map<String, String> fingerprints() {
        Map<String, String> prints = new TreeMap<>();
        for (String db : ALL) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), ''))"
                            + " from \"" + table + "\" t")) {
                        rs.next();
                        prints.put(db + "." + table, rs.getLong(1) + " rows, content " + rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + db, e);
            }
        }
        return prints;
    }

    public long scalar(String db, String sql) {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + db + ": " + sql, e);
        }
    }

    public List<List<String>> rows(String db, String sql) {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + db + ": " + sql, e);
        }
    }

    /** Outbox rows not yet published, per database. */
    public Map<String, Long> unsentOutboxRows() {
        Map<String, Long> unsent = new TreeMap<>();
        for (String db : ALL) {
            unsent.put(db, scalar(db, "select count(*) from outbox_event where sent_at is null"));
        }
        return unsent;
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.port("postgres") + "/" + db, "postgres", "");
    }
}

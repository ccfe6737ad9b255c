package de.kommunalmarkt.testsupport;

import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: one throw-away server per test JVM (started on first
 * use, stopped when the JVM ends), and a database of the name given by the {@code database} init
 * argument (default {@code app}). Quarkus loads test resources anew for every test application (each
 * profile), so the running server is found again through a JVM-wide system property: a restarted
 * application sees the same database, as a restarted service would.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PORT_PROPERTY = "kommunalmarkt.test.postgres.port";
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    /** The port of this JVM's test PostgreSQL, started on first use. */
    public static int port() {
        synchronized (System.class) {
            String port = System.getProperty(PORT_PROPERTY);
            if (port != null) {
                return Integer.parseInt(port);
            }
            EmbeddedPostgresServer server;
            try {
                server = EmbeddedPostgresServer.start(null, 0, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
            System.setProperty(PORT_PROPERTY, String.valueOf(server.port()));
            return server.port();
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public Map<String, String> start() {
        createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", "",
                "quarkus.datasource.devservices.enabled", "false");
    }

    private static void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime: several Quarkus test applications reuse it
    }
}

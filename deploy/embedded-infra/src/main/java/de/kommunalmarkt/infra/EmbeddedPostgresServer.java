package de.kommunalmarkt.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central. With a data directory it
 * keeps its state across restarts; without one it works in a throw-away directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away one
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @param databases created if missing
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, List<String> databases) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on")
                .setServerConfig("full_page_writes", dataDirectory == null ? "off" : "on")
                .setLocaleConfig("locale", "C.UTF-8")
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
        try {
            server.createDatabases(databases);
        } catch (SQLException e) {
            server.close();
            throw new IOException("could not create databases " + databases + ": " + e.getMessage(), e);
        }
        return server;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public void createDatabases(List<String> databases) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.catalog.CatalogConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this instance's {@link PublicCatalog} current with what any instance (or tool) commits:
 * PostgreSQL's {@code LISTEN catalog_changed} on a connection of its own (migration
 * {@code V7__catalog_change_notifications}: triggers on the solution, its plans, tiers and reference
 * environments and on a municipality's name). Notifications arrive only after their transaction
 * commits; the solutions they name are read again. Listening starts before the catalog is read in
 * full at start, so nothing committed in between is missed. If the connection breaks, notifications
 * may have been lost: after reconnecting the catalog is read in full again.
 */
@ApplicationScoped
public class CatalogFeed {

    static final String CHANNEL = "catalog_changed";
    private static final Logger LOG = Logger.getLogger(CatalogFeed.class);

    private final PublicCatalog catalog;
    private final CatalogConfig config;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public CatalogFeed(PublicCatalog catalog, CatalogConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.catalog = catalog;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** At start (after Flyway's migration): listen, then read everything, then follow. */
    void start(@Observes StartupEvent event) throws SQLException {
        running = true;
        connection = listen();
        catalog.reloadAll();
        listener = new Thread(this::follow, "catalog-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        closeConnection();
        if (listener != null) {
            listener.interrupt();
        }
    }

    private Connection listen() throws SQLException {
        Connection db = DriverManager.getConnection(url, user, password.orElse(""));
        try (Statement s = db.createStatement()) {
            s.execute("listen " + CHANNEL);
        }
        return db;
    }

    private void follow() {
        while (running) {
            try {
                PGNotification[] notifications = connection.unwrap(PGConnection.class)
                        .getNotifications((int) config.feed().pollTimeout().toMillis());
                if (notifications != null && notifications.length > 0) {
                    apply(notifications);
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Catalog feed interrupted (%s); reconnecting, then reading the catalog in full", e.toString());
                closeConnection();
                reconnect();
            }
        }
    }

    private void apply(PGNotification[] notifications) {
        Set<UUID> solutions = new LinkedHashSet<>();
        Set<String> providers = new LinkedHashSet<>();
        for (PGNotification n : notifications) {
            String payload = n.getParameter();
            if (payload.startsWith("s:")) {
                solutions.add(UUID.fromString(payload.substring(2)));
            } else if (payload.startsWith("m:")) {
                providers.add(payload.substring(2));
            }
        }
        if (!solutions.isEmpty()) {
            catalog.refresh(solutions);
        }
        if (!providers.isEmpty()) {
            catalog.refreshProviders(providers);
        }
    }

    private void reconnect() {
        while (running) {
            try {
                Thread.sleep(config.feed().reconnectPause().toMillis());
                connection = listen();
                catalog.reloadAll();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Catalog feed still without database (%s)", e.toString());
                closeConnection();
            }
        }
    }

    private void closeConnection() {
        Connection db = connection;
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                LOG.debug("closing the feed connection", e);
            }
        }
    }
}

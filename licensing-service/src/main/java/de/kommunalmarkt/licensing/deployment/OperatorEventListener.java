package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.licensing.LicensingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every instance when an operator's deployment events were committed, through PostgreSQL
 * LISTEN/NOTIFY: the writing transaction announces the operator ({@link #announce}), PostgreSQL delivers
 * the notification at commit (never for a rolled-back one) to every listening connection, and this
 * instance's one listening connection wakes the operator's open streams. A notification lost while that
 * connection was down is covered by waking every open stream after each reconnect and every
 * {@code licensing.stream.recheck-interval}.
 */
@ApplicationScoped
public class OperatorEventListener {

    /** The notification channel; the payload is the operator id. */
    static final String CHANNEL = "operator_events";
    private static final Logger LOG = Logger.getLogger(OperatorEventListener.class);
    private static final int WAIT_MILLIS = 500;

    private final EntityManager em;
    private final DeploymentStream stream;
    private final LicensingConfig.Stream config;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    public OperatorEventListener(EntityManager em, DeploymentStream stream, LicensingConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.em = em;
        this.stream = stream;
        this.config = config.stream();
        this.url = url;
        this.user = user.orElse(null);
        this.password = password.orElse("");
    }

    /** Announces, at the commit of the current transaction, that the operator has new events. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String operatorId) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, operatorId);
                notify.execute();
            }
        });
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::listen, "operator-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Scheduled(every = "${licensing.stream.recheck-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recheck() {
        stream.wakeAll();
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                LOG.debug("Listening for operators' events");
                // whatever was committed while no connection listened
                stream.wakeAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            stream.wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Listening for operators' events failed (open streams are re-read after reconnecting): %s", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.listenerReconnectDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

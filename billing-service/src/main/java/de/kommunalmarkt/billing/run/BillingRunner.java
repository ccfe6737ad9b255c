package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.BillingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Executes billing runs in the background, one at a time, and on start-up resumes those a previous
 * instance left RUNNING (e.g. after a {@code kill -9}).
 */
@ApplicationScoped
public class BillingRunner {

    private static final Logger LOG = Logger.getLogger(BillingRunner.class);

    private final BillingRunEngine engine;
    private final BillingConfig config;
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "billing-run");
        thread.setDaemon(true);
        return thread;
    });

    public BillingRunner(BillingRunEngine engine, BillingConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** Queues the run unless it is queued or executing already. */
    public void submit(UUID runId) {
        if (!queued.add(runId)) {
            return;
        }
        executor.execute(() -> {
            try {
                engine.execute(runId);
            } catch (SQLException | RuntimeException e) {
                // recorded on the run (lastError) by the engine; the run stays RUNNING and resumes later
                LOG.debugf(e, "Billing run %s stopped", runId);
            } finally {
                queued.remove(runId);
            }
        });
    }

    void resumeUnfinished(@Observes StartupEvent startup) throws SQLException {
        if (!config.run().resumeOnStartup()) {
            return;
        }
        for (UUID runId : engine.unfinishedRuns()) {
            LOG.infof("Resuming billing run %s left unfinished", runId);
            submit(runId);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }
}

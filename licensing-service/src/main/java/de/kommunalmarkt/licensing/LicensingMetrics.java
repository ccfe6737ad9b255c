package de.kommunalmarkt.licensing;

import de.kommunalmarkt.licensing.deployment.DeploymentRepository;
import de.kommunalmarkt.licensing.deployment.DeploymentState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business metrics: {@code kommunalmarkt_licenses_granted_total} (counted when the granting
 * transaction commits, so a rolled-back grant is not counted) and {@code kommunalmarkt_deployments}
 * by {@code state} (refreshed from the database every few seconds, the same for every instance).
 */
@ApplicationScoped
public class LicensingMetrics {

    private final Counter granted;
    private final Map<DeploymentState, AtomicLong> deploymentsByState = new EnumMap<>(DeploymentState.class);
    private final TransactionSynchronizationRegistry transactions;
    private final DeploymentRepository deployments;

    public LicensingMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions, DeploymentRepository deployments) {
        this.transactions = transactions;
        this.deployments = deployments;
        granted = Counter.builder("kommunalmarkt_licenses_granted").description("Licences granted (AUTO or by the provider)")
                .register(registry);
        for (DeploymentState state : DeploymentState.values()) {
            AtomicLong value = new AtomicLong();
            deploymentsByState.put(state, value);
            Gauge.builder("kommunalmarkt_deployments", value, AtomicLong::get).description("Deployments by state")
                    .tag("state", state.name()).register(registry);
        }
    }

    /** Counts a grant once the current transaction commits. */
    public void grantedOnCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    granted.increment();
                }
            }
        });
    }

    @Scheduled(every = "${licensing.metrics.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshDeploymentGauges() {
        QuarkusTransaction.requiringNew().call(deployments::countByState)
                .forEach((state, count) -> deploymentsByState.get(state).set(count));
    }
}

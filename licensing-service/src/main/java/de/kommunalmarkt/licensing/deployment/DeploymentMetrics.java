package de.kommunalmarkt.licensing.deployment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kommunalmarkt_deployments} by {@code state}: refreshed from the database every few seconds, the
 * same for every instance.
 */
@ApplicationScoped
public class DeploymentMetrics {

    private final Map<DeploymentState, AtomicLong> deploymentsByState = new EnumMap<>(DeploymentState.class);
    private final DeploymentRepository deployments;

    public DeploymentMetrics(MeterRegistry registry, DeploymentRepository deployments) {
        this.deployments = deployments;
        for (DeploymentState state : DeploymentState.values()) {
            AtomicLong value = new AtomicLong();
            deploymentsByState.put(state, value);
            Gauge.builder("kommunalmarkt_deployments", value, AtomicLong::get).description("Deployments by state")
                    .tag("state", state.name()).register(registry);
        }
    }

    @Scheduled(every = "${licensing.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshDeploymentGauges() {
        QuarkusTransaction.requiringNew().call(deployments::countByState)
                .forEach((state, count) -> deploymentsByState.get(state).set(count));
    }
}

package de.kommunalmarkt.licensing.catalog;

import de.kommunalmarkt.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Each operator's own topic, {@code operators.<operatorId>.deployments}: created when licensing learns of
 * the operator ({@code OperatorRegistered}, also {@code OperatorUpdated} for an operator known before the
 * topics existed) and, at start-up, for every operator the read model holds, so the outbox relay never
 * meets a missing topic. Creating a topic that exists changes nothing. The broker must allow
 * licensing's principal CREATE under {@code operators.}; the operator's own principal and its ACLs are
 * provisioned by the marketplace's administrators (docs/OPERATIONS.md, "Adding an operator").
 */
@ApplicationScoped
public class OperatorTopics {

    private static final Logger LOG = Logger.getLogger(OperatorTopics.class);

    private final Map<String, Object> kafka;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final String retentionMs;
    private final CatalogOperatorRepository operators;
    private Admin admin;

    OperatorTopics(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "licensing.operator-topics.partitions", defaultValue = "6") int partitions,
            @ConfigProperty(name = "licensing.operator-topics.replication-factor") Optional<Short> replicationFactor,
            @ConfigProperty(name = "licensing.operator-topics.retention-ms", defaultValue = "-1") String retentionMs,
            CatalogOperatorRepository operators) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.retentionMs = retentionMs;
        this.operators = operators;
    }

    /** Creates the operator's topic unless it exists; a broker that cannot be reached throws (the consumer retries). */
    public void ensure(String operatorId) {
        ensure(List.of(operatorId));
    }

    void ensure(List<String> operatorIds) {
        if (operatorIds.isEmpty()) {
            return;
        }
        List<NewTopic> topics = operatorIds.stream()
                .map(id -> new NewTopic(Topics.operatorDeployments(id), Optional.of(partitions), replicationFactor)
                        .configs(Map.of("retention.ms", retentionMs)))
                .toList();
        try {
            var results = admin().createTopics(topics).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created the operator topic %s", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("could not create operator topics: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("the broker did not answer while creating operator topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating operator topics", e);
        }
    }

    /** The topics of operators known before (an upgrade, a restored broker); a broker that is away is only logged. */
    void onStart(@Observes StartupEvent start) {
        try {
            List<String> known = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> operators.findAll().stream().map(o -> o.id).toList());
            ensure(known);
        } catch (RuntimeException e) {
            LOG.warnf("Could not make sure every known operator has its topic (created again with its next directory event): %s",
                    e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        synchronized (this) {
            if (admin != null) {
                admin.close(java.time.Duration.ofSeconds(5));
            }
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            kafka.forEach((name, value) -> {
                if (name.equals("bootstrap.servers") || name.startsWith("security.") || name.startsWith("sasl.")
                        || name.startsWith("ssl.")) {
                    config.put(name, value);
                }
            });
            config.put("client.id", "licensing-operator-topics");
            config.put("default.api.timeout.ms", "30000");
            config.put("request.timeout.ms", "15000");
            admin = Admin.create(config);
        }
        return admin;
    }
}

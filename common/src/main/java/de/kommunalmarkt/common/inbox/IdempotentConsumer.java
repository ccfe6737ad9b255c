package de.kommunalmarkt.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event exactly once: the event id is recorded in the same transaction as the
 * effect, and an id seen before is skipped. A failing effect is retried a bounded number of times;
 * then the exception propagates, so the channel's {@code dead-letter-queue} failure strategy moves
 * the record to {@code <topic>.dlq} with the error in its headers and the consumer goes on.
 *
 * <pre>
 * &#64;Incoming("licenses") &#64;Blocking
 * public void on(ConsumerRecord&lt;String, String&gt; record) {
 *     inbox.apply("catalog-adoptions", record, event -&gt; ...);
 * }
 * </pre>
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final InboxConfig config;
    private final MeterRegistry metrics;

    public IdempotentConsumer(EntityManager em, ObjectMapper json, InboxConfig config, MeterRegistry metrics) {
        this.em = em;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * @param consumer names the projection; each consumer of a topic keeps its own record of seen ids
     * @return true if the effect was applied now, false if the event had been applied before
     */
    public boolean apply(String consumer, ConsumerRecord<String, String> record, Consumer<ReceivedEvent> effect) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.read(record, json);
        } catch (PoisonEventException e) {
            metrics.counter("kommunalmarkt_events_poison", "consumer", consumer).increment();
            LOG.warnf("Poison record on %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(), consumer, e.getMessage());
            throw e;
        }
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!firstDelivery(consumer, event)) {
                        return false;
                    }
                    effect.accept(event);
                    return true;
                });
                metrics.counter("kommunalmarkt_events_consumed", "consumer", consumer,
                        "outcome", applied ? "applied" : "duplicate").increment();
                return applied;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    metrics.counter("kommunalmarkt_events_failed", "consumer", consumer).increment();
                    LOG.errorf(e, "Giving up on %s %s after %d attempts", event.type().typeName(), event.id(), attempt);
                    throw e;
                }
                LOG.warnf("Attempt %d to apply %s %s failed, retrying: %s", attempt, event.type().typeName(), event.id(), e);
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private boolean firstDelivery(String consumer, ReceivedEvent event) {
        int inserted = em.createNativeQuery(
                "insert into processed_event (consumer, event_id, event_type) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type().typeName())
                .executeUpdate();
        return inserted == 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}

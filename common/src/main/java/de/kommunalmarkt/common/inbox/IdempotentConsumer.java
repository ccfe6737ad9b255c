package de.kommunalmarkt.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.failure.TransientFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event exactly once: the event id is recorded in the same transaction as the
 * effect, and an id seen before is skipped.
 *
 * <p>A failure is handled by what it is. A <b>transient</b> one (database or broker unavailable, lock
 * or serialization conflict, see {@link TransientFailure}) is retried with a growing pause until it
 * succeeds: the channel waits, nothing behind the record is skipped and per-partition order holds. A
 * <b>poison</b> record ({@link PoisonEventException}), and any other failure that persists over a few
 * attempts, is dead-lettered: kept in the service's {@code dead_letter} table for listing and replay,
 * and a {@link DeadLetteredException} naming the consumer propagates, so that the channel's
 * {@code dead-letter-queue} failure strategy also moves the record to {@code <topic>.dlq} with the
 * consumer and the error in its headers; the consumer goes on with the next record.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class AdoptionProjection implements EventConsumer {
 *     public Map&lt;String, Consumer&lt;ReceivedEvent&gt;&gt; effects() { return Map.of("catalog-adoptions", this::apply); }
 *
 *     &#64;Incoming("licenses") &#64;Blocking
 *     public void on(ConsumerRecord&lt;String, String&gt; record) { inbox.apply("catalog-adoptions", record); }
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
    private final EventConsumers consumers;
    private final DeadLetters deadLetters;
    private final ConsumerTracing tracing;

    public IdempotentConsumer(EntityManager em, ObjectMapper json, InboxConfig config, MeterRegistry metrics,
            EventConsumers consumers, DeadLetters deadLetters, ConsumerTracing tracing) {
        this.em = em;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
    }

    /**
     * Applies the record through the effect the consumer registered ({@link EventConsumer}).
     *
     * @return true if the effect was applied now, false if the event had been applied before
     */
    public boolean apply(String consumer, ConsumerRecord<String, String> record) {
        Consumer<ReceivedEvent> effect = consumers.effect(consumer);
        if (effect == null) {
            throw new IllegalStateException("no EventConsumer registers the consumer " + consumer);
        }
        return apply(consumer, record, effect);
    }

    /**
     * Applies the record inside the consumer's span: a child of the record's {@code traceparent} header
     * (the producer's trace goes on here), current while the effect runs, so that the events the effect
     * writes to the outbox and the log lines it writes carry the same trace id.
     */
    boolean apply(String consumer, ConsumerRecord<String, String> record, Consumer<ReceivedEvent> effect) {
        Span span = tracing.consumerSpan(consumer, record);
        try (Scope scope = tracing.enter(span)) {
            return applyTraced(consumer, record, effect);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private boolean applyTraced(String consumer, ConsumerRecord<String, String> record, Consumer<ReceivedEvent> effect) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.read(record, json);
        } catch (PoisonEventException e) {
            metrics.counter("kommunalmarkt_events_poison", "consumer", consumer).increment();
            LOG.warnf("Poison record on %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(), consumer, e.getMessage());
            throw deadLetter(consumer, record, e);
        }
        long backoff = config.retryBackoff().toMillis();
        int failedAttempts = 0;
        while (true) {
            try {
                boolean applied = applyOnce(consumer, event, effect);
                metrics.counter("kommunalmarkt_events_consumed", "consumer", consumer,
                        "outcome", applied ? "applied" : "duplicate").increment();
                LOG.debugf("%s %s %s for %s", applied ? "Applied" : "Skipped the duplicate", event.type().typeName(), event.id(), consumer);
                return applied;
            } catch (RuntimeException e) {
                if (TransientFailure.is(e)) {
                    metrics.counter("kommunalmarkt_events_retried", "consumer", consumer).increment();
                    LOG.warnf("Transient failure applying %s %s for %s, trying again in %d ms: %s", event.type().typeName(),
                            event.id(), consumer, backoff, e);
                } else if (e instanceof PoisonEventException || ++failedAttempts >= config.maxAttempts()) {
                    metrics.counter("kommunalmarkt_events_failed", "consumer", consumer).increment();
                    LOG.errorf(e, "Giving up on %s %s for %s", event.type().typeName(), event.id(), consumer);
                    throw deadLetter(consumer, record, e);
                } else {
                    LOG.warnf("Attempt %d to apply %s %s for %s failed, retrying: %s", failedAttempts, event.type().typeName(),
                            event.id(), consumer, e);
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxRetryBackoff().toMillis());
            }
        }
    }

    /**
     * One attempt in its own transaction, no retry: for replaying a dead letter, where the caller
     * reports a failure instead of waiting.
     */
    boolean applyOnce(String consumer, ConsumerRecord<String, String> record) {
        Consumer<ReceivedEvent> effect = consumers.effect(consumer);
        if (effect == null) {
            throw new IllegalStateException("no EventConsumer registers the consumer " + consumer);
        }
        return applyOnce(consumer, ReceivedEvent.read(record, json), effect);
    }

    private boolean applyOnce(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!firstDelivery(consumer, event)) {
                return false;
            }
            effect.accept(event);
            return true;
        });
    }

    /** Keeps the record as a dead letter (waiting out a database that is away); the exception for the .dlq. */
    private DeadLetteredException deadLetter(String consumer, ConsumerRecord<String, String> record, RuntimeException failure) {
        long backoff = config.retryBackoff().toMillis();
        while (true) {
            try {
                deadLetters.record(consumer, record, failure);
                break;
            } catch (RuntimeException e) {
                if (!TransientFailure.is(e)) {
                    // e.g. a payload PostgreSQL cannot store as text (NUL): the .dlq record still keeps it
                    LOG.errorf(e, "Could not keep the dead letter of %s-%d@%d for %s; it is only in the .dlq topic",
                            record.topic(), record.partition(), record.offset(), consumer);
                    break;
                }
                LOG.warnf("Database away while keeping a dead letter for %s, trying again in %d ms: %s", consumer, backoff, e);
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxRetryBackoff().toMillis());
            }
        }
        return new DeadLetteredException(consumer, failure);
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
            throw new IllegalStateException("interrupted while waiting to try again", e);
        }
    }
}

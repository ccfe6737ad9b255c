package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.outbox.Outbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer of {@code common-test.events} as the services have one; its effect writes the event's
 * subject to {@code test_effect}. Tests make it fail: as a database that is away until an instant,
 * or as a bug for some subjects until it is "fixed".
 */
@ApplicationScoped
public class TestEventConsumer implements EventConsumer {

    public static final String CONSUMER = "test-events";
    public static final String TOPIC = "common-test.events";

    private final Map<String, Instant> databaseAwayUntil = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final Set<String> forwarding = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private final IdempotentConsumer inbox;
    private final EntityManager em;
    private final Outbox outbox;

    public TestEventConsumer(IdempotentConsumer inbox, EntityManager em, Outbox outbox) {
        this.inbox = inbox;
        this.em = em;
        this.outbox = outbox;
    }

    /** Applying the event of this subject also publishes its payload anew, as an event of this consumer's own. */
    public void forward(String subject) {
        forwarding.add(subject);
    }

    /** Applying the event of this subject fails as if the database were away, until the instant. */
    void databaseAwayUntil(String subject, Instant until) {
        databaseAwayUntil.put(subject, until);
    }

    /** Applying the event of this subject fails as a bug would, until {@link #fix}. */
    void breakFor(String subject) {
        broken.add(subject);
    }

    void fix(String subject) {
        broken.remove(subject);
    }

    int attempts(String subject) {
        AtomicInteger count = attempts.get(subject);
        return count == null ? 0 : count.get();
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(CONSUMER, this::apply);
    }

    @Incoming("test-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    private void apply(ReceivedEvent event) {
        String label = event.subject();
        attempts.computeIfAbsent(label, l -> new AtomicInteger()).incrementAndGet();
        Instant away = databaseAwayUntil.get(label);
        if (away != null && Instant.now().isBefore(away)) {
            // as Hibernate hands on what the driver says while PostgreSQL restarts
            throw new IllegalStateException("could not execute statement",
                    new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        }
        if (broken.contains(label)) {
            throw new IllegalArgumentException("this consumer cannot place " + label + " (a bug)");
        }
        em.createNativeQuery("insert into test_effect (label) values (?1)").setParameter(1, label).executeUpdate();
        if (forwarding.contains(label)) {
            outbox.publish(event.payload());
        }
    }
}

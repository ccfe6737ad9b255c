package de.kommunalmarkt.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Part 2 of the restart proof: what was pending when the service stopped is published after it starts again. */
@QuarkusTest
@TestProfile(Outbox2RestartedRelayProfile.class)
class OutboxRestart2PublishedTest {

    @Inject
    EntityManager em;

    @Test
    void eventsPendingBeforeTheRestartArePublishedAfterIt() {
        List<String> written = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select o.eventId from OutboxEvent o where o.recordKey = :key", java.util.UUID.class)
                .setParameter("key", OutboxRestart1PendingTest.MARKER_AGS).getResultList())
                .stream().map(Object::toString).toList();
        assertThat(written).as("OutboxRestart1PendingTest must run first (profiles sort by name)").hasSize(3);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var fromStart = new HashMap<TopicPartition, Long>();
            kafka.endOffsets(Topics.CATALOG_DIRECTORY).keySet().forEach(p -> fromStart.put(p, 0L));
            var received = kafka.readFrom(fromStart, Duration.ofSeconds(20),
                    r -> r.stream().filter(x -> written.contains(x.header("ce_id"))).count() == 3);
            assertThat(received.stream().map(r -> r.header("ce_id")).filter(written::contains).distinct()).hasSize(3);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(o) from OutboxEvent o where o.sentAt is null", Long.class).getSingleResult())).isZero();
    }
}

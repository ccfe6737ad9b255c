package de.kommunalmarkt.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.common.CommonTestProfile;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CommonTestProfile.class)
class IdempotentConsumerTest {

    private static final String PAYLOAD = """
            {"ags":"05315000","name":"Köln","inhabitants":1080000,"leitwegId":"05315000-KM001-20",
             "billingAddress":{"street":"Willy-Brandt-Platz 2","postalCode":"50679","city":"Köln","countryCode":"DE"},
             "contactEmail":"it@stadt-koeln.example"}""";

    @Inject
    IdempotentConsumer inbox;

    @Inject
    EntityManager em;

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String label = "redelivery-" + UUID.randomUUID();
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString(), "MunicipalityRegistered", PAYLOAD);

        boolean first = inbox.apply("test-consumer", record, e -> insertEffect(label));
        boolean second = inbox.apply("test-consumer", record, e -> insertEffect(label));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void eachConsumerKeepsItsOwnRecordOfSeenEvents() {
        String label = "two-consumers-" + UUID.randomUUID();
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString(), "MunicipalityRegistered", PAYLOAD);

        inbox.apply("projection-a", record, e -> insertEffect(label));
        inbox.apply("projection-b", record, e -> insertEffect(label));

        assertThat(effects(label)).isEqualTo(2);
    }

    @Test
    void thePayloadIsReadAsTheContractRecord() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString(), "MunicipalityRegistered",
                PAYLOAD.replace("}\n", ",\"addedInALaterVersion\":true}\n").replace("example\"}", "example\",\"addedInALaterVersion\":true}"));
        var seen = new MunicipalityRegistered[1];
        inbox.apply("reader", record, e -> seen[0] = e.as(MunicipalityRegistered.class));
        assertThat(seen[0].ags()).isEqualTo("05315000");
        assertThat(seen[0].billingAddress().city()).isEqualTo("Köln");
    }

    @Test
    void aFailingEffectIsRetriedThenDeadLetteredAndLeavesNoEffectBehind() {
        String label = "failing-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString(), "MunicipalityRegistered", PAYLOAD);

        assertThatThrownBy(() -> inbox.apply("failing", record, e -> {
            attempts.incrementAndGet();
            insertEffect(label);
            throw new IllegalStateException("projection broken");
        })).isInstanceOf(DeadLetteredException.class).hasCauseInstanceOf(IllegalStateException.class);

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(effects(label)).isZero();
        // not marked as seen: once the cause is fixed, a redelivery is applied
        assertThat(inbox.apply("failing", record, e -> insertEffect(label))).isTrue();
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void aFailureGoneByTheSecondAttemptIsAppliedOnce() {
        String label = "transient-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        boolean applied = inbox.apply("transient", record(UUID.randomUUID().toString(), "MunicipalityRegistered", PAYLOAD), e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            insertEffect(label);
        });
        assertThat(applied).isTrue();
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void poisonRecordsAreDeadLetteredWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> inbox.apply("poison", record("not-a-uuid", "MunicipalityRegistered", PAYLOAD), e -> calls.incrementAndGet()))
                .isInstanceOf(DeadLetteredException.class).hasCauseInstanceOf(PoisonEventException.class)
                .hasMessageContaining("ce_id");
        assertThatThrownBy(() -> inbox.apply("poison", record(UUID.randomUUID().toString(), "NoSuchEvent", PAYLOAD), e -> calls.incrementAndGet()))
                .isInstanceOf(DeadLetteredException.class).hasCauseInstanceOf(PoisonEventException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> inbox.apply("poison", record(UUID.randomUUID().toString(), "MunicipalityRegistered", "{\"ags\": [1,"), e -> calls.incrementAndGet()))
                .isInstanceOf(DeadLetteredException.class).hasCauseInstanceOf(PoisonEventException.class)
                .hasMessageContaining("not a valid MunicipalityRegistered");
        assertThat(calls.get()).isZero();
    }

    private void insertEffect(String label) {
        em.createNativeQuery("insert into test_effect (label) values (?1)").setParameter(1, label).executeUpdate();
    }

    private long effects(String label) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from test_effect where label = ?1").setParameter(1, label).getSingleResult()).longValue());
    }

    static ConsumerRecord<String, String> record(String id, String type, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.CATALOG_DIRECTORY, 0, 0L, "05315000", payload);
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", "05315000".getBytes(StandardCharsets.UTF_8));
        return record;
    }
}

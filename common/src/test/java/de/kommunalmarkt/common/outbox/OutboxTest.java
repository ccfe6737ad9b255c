package de.kommunalmarkt.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.CommonTestProfile;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CommonTestProfile.class)
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void committedEventIsPublishedExactlyAsWrittenAndRolledBackOneNever() throws Exception {
        MunicipalityRegistered committed = new MunicipalityRegistered("05315000", "Köln", 1_080_000,
                "05315000-KM001-20", new PostalAddress("Willy-Brandt-Platz 2", "50679", "Köln", "DE"), "it@stadt-koeln.example");
        MunicipalityRegistered rolledBack = new MunicipalityRegistered("08421000", "Ulm", 128_000,
                "04011000-1234512345-06", new PostalAddress("Marktplatz 1", "89073", "Ulm", "DE"), "it@ulm.example");

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(committed));
            AtomicReference<UUID> lost = new AtomicReference<>();
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                lost.set(outbox.publish(rolledBack));
                throw new IllegalStateException("business rule failed after the event was written");
            })).isInstanceOf(IllegalStateException.class);

            List<KafkaEvents.Received> received = kafka.readFrom(from, Duration.ofSeconds(5), r -> false);

            assertThat(received).hasSize(1);
            KafkaEvents.Received record = received.get(0);
            assertThat(record.key()).isEqualTo("05315000");
            assertThat(json.readTree(record.value())).isEqualTo(json.readTree(json.writeValueAsString(committed)));
            assertThat(record.header("ce_id")).isEqualTo(id.toString());
            assertThat(record.header("ce_type")).isEqualTo("MunicipalityRegistered");
            assertThat(record.header("ce_source")).isEqualTo("common-test");
            assertThat(record.header("ce_subject")).isEqualTo("05315000");
            assertThat(record.header("ce_specversion")).isEqualTo("1.0");
            assertThat(record.header("ce_time")).isNotBlank();
            assertThat(record.header("content-type")).isEqualTo("application/json");
            assertThat(received).noneMatch(r -> r.header("ce_id").equals(String.valueOf(lost.get())));
            assertThat(relay.pendingCount()).isZero();
        }
    }

    @Test
    void aBatchWrittenByCopyIsPublishedLikeSingleEventsAndNotBeforeItsCommit() throws Exception {
        MunicipalityRegistered single = new MunicipalityRegistered("06411000", "Darmstadt", 160_000,
                "05315000-KM001-20", new PostalAddress("Luisenplatz 5", "64283", "Darmstadt", "DE"), "it@darmstadt.example");
        MunicipalityRegistered inBatch = new MunicipalityRegistered("06412000", "Frankfurt am Main", 760_000,
                "05315000-KM001-20", new PostalAddress("Römerberg 23", "60311", "Frankfurt", "DE"), "it@frankfurt.example");
        MunicipalityRegistered rolledBack = new MunicipalityRegistered("06413000", "Offenbach", 130_000,
                "05315000-KM001-20", new PostalAddress("Berliner Str. 100", "63065", "Offenbach", "DE"), "it@offenbach.example");

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(single));
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                new OutboxBatch(json, 1).add(rolledBack).writeTo(connection);
                connection.rollback();
                OutboxBatch batch = new OutboxBatch(json, 2).add(inBatch);
                assertThat(batch.size()).isEqualTo(1);
                batch.writeTo(connection);
                connection.commit();
            }
            relay.wake();

            List<KafkaEvents.Received> received = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.size() >= 2);

            assertThat(received).extracting(KafkaEvents.Received::key).containsExactly("06411000", "06412000");
            KafkaEvents.Received viaPublish = received.get(0);
            KafkaEvents.Received viaBatch = received.get(1);
            assertThat(viaBatch.value()).isEqualTo(EventPayload.of(json, inBatch));
            assertThat(viaPublish.value()).isEqualTo(EventPayload.of(json, single));
            for (String header : List.of("ce_type", "ce_source", "ce_specversion", "content-type")) {
                assertThat(viaBatch.header(header)).as(header).isEqualTo(viaPublish.header(header));
            }
            assertThat(viaBatch.header("ce_subject")).isEqualTo("06412000");
            assertThat(UUID.fromString(viaBatch.header("ce_id"))).isNotEqualTo(UUID.fromString(viaPublish.header("ce_id")));
            assertThat(kafka.readFrom(from, Duration.ofSeconds(2), r -> false)).noneMatch(r -> "06413000".equals(r.key()));
        }
    }

    @Test
    void anEventPublishedToAFurtherTopicArrivesOnBothAsTheSameEvent() throws Exception {
        String copies = "common-test.copies";
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                de.kommunalmarkt.testsupport.KafkaTestResource.adminConfig())) {
            if (!admin.listTopics().names().get().contains(copies)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(copies, 6, (short) 1))).all().get();
            }
        }
        MunicipalityRegistered event = new MunicipalityRegistered("09162000", "München", 1_510_000,
                "09162000-KM001-33", new PostalAddress("Marienplatz 8", "80331", "München", "DE"), "it@muenchen.example");
        try (KafkaEvents kafka = new KafkaEvents(); KafkaEvents copy = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            var copyFrom = copy.endOffsets(copies);
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event, List.of(copies)));

            KafkaEvents.Received original = kafka.readFrom(from, Duration.ofSeconds(10),
                    r -> r.stream().anyMatch(e -> id.toString().equals(e.header("ce_id")))).stream()
                    .filter(e -> id.toString().equals(e.header("ce_id"))).findFirst().orElseThrow();
            List<KafkaEvents.Received> copied = copy.readFrom(copyFrom, Duration.ofSeconds(10), r -> !r.isEmpty());
            assertThat(copied).singleElement().satisfies(c -> {
                assertThat(c.headers()).isEqualTo(original.headers());
                assertThat(c.key()).isEqualTo(original.key());
                assertThat(c.value()).isEqualTo(original.value());
            });
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        MunicipalityRegistered event = new MunicipalityRegistered("09461000", "Bamberg", 78_000,
                "05315000-KM001-20", new PostalAddress("Maximiliansplatz 3", "96047", "Bamberg", "DE"), "it@bamberg.example");
        assertThatThrownBy(() -> outbox.publish(event)).isInstanceOf(jakarta.transaction.TransactionalException.class);
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheyWereCommitted() {
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            for (int i = 1; i <= 50; i++) {
                long inhabitants = i;
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(new MunicipalityRegistered("01001000", "Flensburg",
                        inhabitants, "05315000-KM001-20", new PostalAddress("Rathausplatz 1", "24937", "Flensburg", "DE"), "x@flensburg.example")));
            }
            List<KafkaEvents.Received> received = kafka.readFrom(from, Duration.ofSeconds(20), r -> r.size() >= 50);
            assertThat(received).extracting(r -> r.value().replaceAll(".*\"inhabitants\":(\\d+).*", "$1"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(String::valueOf).toList());
        }
    }
}

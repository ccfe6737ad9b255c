package de.kommunalmarkt.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.common.CommonTestProfile;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.tracing.TraceParent;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace across the Kafka hop: the context an event is written in is kept on its outbox row, sent
 * as the record's {@code traceparent} header, and the consumer applies the record in a span that
 * continues it — so what the consumer publishes in turn carries the same trace id onward.
 */
@QuarkusTest
@TestProfile(CommonTestProfile.class)
class TraceAcrossKafkaTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    Tracer tracer;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    TestEventConsumer consumer;

    @Inject
    EntityManager em;

    /** The topic exists before anything is read from it, as the services' topics do. */
    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TestEventConsumer.TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TestEventConsumer.TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theWritersTraceGoesFromTheOutboxRowOverTheKafkaHeaderIntoTheConsumerAndOnToItsOwnEvents() {
        String ags = "9" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        MunicipalityRegistered event = new MunicipalityRegistered(ags, "Spurhausen", 12_000, "05315000-KM001-20",
                new PostalAddress("Markt 1", "12345", "Spurhausen", "DE"), "it@spurhausen.example");
        consumer.forward(ags);

        Span request = tracer.spanBuilder("POST /api/municipalities").setSpanKind(SpanKind.SERVER).startSpan();
        String traceId = request.getSpanContext().getTraceId();
        UUID eventId;
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(TestEventConsumer.TOPIC);
            try (Scope scope = request.makeCurrent()) {
                eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event, List.of(TestEventConsumer.TOPIC)));
            } finally {
                request.end();
            }

            // the outbox row keeps the writer's context
            assertThat(rowTraceparents(eventId)).hasSize(2).allSatisfy(traceparent -> {
                assertThat(TraceParent.traceId(traceparent)).isEqualTo(traceId);
                assertThat(traceparent).contains("-" + request.getSpanContext().getSpanId() + "-");
            });

            // the record carries it as traceparent; the relay's publish span is a child of the writer's
            KafkaEvents.Received record = kafka.readFrom(from, EVENTUALLY,
                    r -> r.stream().anyMatch(d -> ags.equals(d.key()))).stream()
                    .filter(d -> ags.equals(d.key())).findFirst().orElseThrow();
            String header = record.header(TraceParent.HEADER);
            assertThat(TraceParent.traceId(header)).isEqualTo(traceId);
            SpanData publish = await().atMost(EVENTUALLY).until(() -> span(traceId, TestEventConsumer.TOPIC + " publish"),
                    s -> s != null);
            assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
            assertThat(header).isEqualTo(rowTraceparents(eventId).get(0));
            assertThat(publish.getAttributes().asMap().values()).contains(eventId.toString());
        }

        // the consumer's span continues the header's context
        SpanData consumed = await().atMost(EVENTUALLY).until(() -> span(traceId, TestEventConsumer.TOPIC + " process"),
                s -> s != null);
        assertThat(consumed.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumed.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(consumed.getAttributes().asMap().values()).contains(TestEventConsumer.CONSUMER, eventId.toString());

        // and the event the consumer published in that span carries the same trace onward
        String forwarded = await().atMost(EVENTUALLY).until(() -> forwardedTraceparent(ags, eventId), t -> t != null);
        assertThat(TraceParent.traceId(forwarded)).isEqualTo(traceId);
        assertThat(forwarded).contains("-" + consumed.getSpanId() + "-");
    }

    @Test
    void anEventWrittenOutsideAnyTraceIsSentWithoutTraceparentAndItsConsumerBeginsATraceOfItsOwn() {
        String ags = "8" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        MunicipalityRegistered event = new MunicipalityRegistered(ags, "Ohnespur", 3_000, "05315000-KM001-20",
                new PostalAddress("Markt 2", "12345", "Ohnespur", "DE"), "it@ohnespur.example");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(TestEventConsumer.TOPIC);
            UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event, List.of(TestEventConsumer.TOPIC)));
            assertThat(rowTraceparents(eventId)).containsOnlyNulls();

            KafkaEvents.Received record = kafka.readFrom(from, EVENTUALLY,
                    r -> r.stream().anyMatch(d -> ags.equals(d.key()))).stream()
                    .filter(d -> ags.equals(d.key())).findFirst().orElseThrow();
            assertThat(record.headers()).doesNotContainKey(TraceParent.HEADER);

            SpanData consumed = await().atMost(EVENTUALLY).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals(TestEventConsumer.TOPIC + " process"))
                    .filter(s -> s.getAttributes().asMap().containsValue(eventId.toString())).findFirst().orElse(null),
                    s -> s != null);
            assertThat(consumed.getParentSpanContext().isValid()).isFalse();
        }
    }

    private SpanData span(String traceId, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<String> rowTraceparents(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select traceparent from outbox_event where event_id = ?1").setParameter(1, eventId).getResultList());
    }

    private String forwardedTraceparent(String ags, UUID original) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select traceparent from outbox_event where subject = ?1 and event_id <> ?2")
                .setParameter(1, ags).setParameter(2, original).getResultStream().findFirst().orElse(null));
    }
}

package de.kommunalmarkt.billing.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.common.tracing.TraceParent;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Licensing's trace goes on in billing: a {@code LicenseGranted} record carrying a {@code traceparent}
 * header is applied to billing's view in a consumer span of that trace, and the consumer's log line
 * names the trace id.
 */
@QuarkusTest
class LicenseEventTraceTest {

    @Inject
    ObjectMapper json;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    LicenseRepository licenses;

    @Test
    void aLicenseGrantedWithTraceparentIsAppliedInASpanOfThatTraceAndLoggedWithItsTraceId() throws Exception {
        String traceId = hex(16);
        String producerSpanId = hex(8);
        String licenseId = UUID.randomUUID().toString();
        PlanTerms plan = Plans.perInhabitant("12.50", "50.00", "2000.00");
        LicenseGranted granted = new LicenseGranted(licenseId, "solution-trace", "Lösung mit Spur", plan.planId(),
                "operator-1", "01001000", "01002000", plan, Instant.now());
        Map<String, String> headers = CloudEventHeaders.of(UUID.randomUUID().toString(), "licensing-service",
                granted.type(), Instant.now().toString(), granted.subject());
        headers.put(TraceParent.HEADER, "00-" + traceId + "-" + producerSpanId + "-01");

        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    ext.copyMdc(); // the consumer thread's logging context, as the console line prints it
                    if (traceId.equals(ext.getMdc("traceId"))) {
                        lines.add(ext);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger inbox = Logger.getLogger("de.kommunalmarkt.common.inbox.IdempotentConsumer");
        Level before = inbox.getLevel();
        inbox.setLevel(Level.FINE);
        inbox.addHandler(capture);
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(granted.topic(), granted.key(), json.writeValueAsString(granted), headers);

            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> licenses.findByIdOptional(UUID.fromString(licenseId)).isPresent()));
            SpanData consumed = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER).findFirst().orElse(null),
                    s -> s != null);
            assertThat(consumed.getName()).isEqualTo(granted.topic() + " process");
            assertThat(consumed.getParentSpanId()).isEqualTo(producerSpanId);
            assertThat(consumed.getAttributes().asMap().values()).contains(BillingProjectionConsumer.LICENSES_CONSUMER);

            await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.getFormattedMessage()).contains("Applied LicenseGranted", BillingProjectionConsumer.LICENSES_CONSUMER);
                assertThat(line.getMdc("spanId")).isEqualTo(consumed.getSpanId());
            });
        } finally {
            inbox.removeHandler(capture);
            inbox.setLevel(before);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never the invalid all-zero id
        return HexFormat.of().formatHex(random);
    }
}

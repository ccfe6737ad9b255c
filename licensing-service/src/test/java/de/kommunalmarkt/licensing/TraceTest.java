package de.kommunalmarkt.licensing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.common.tracing.TraceParent;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One trace from the adopter's {@code POST /api/licenses} to the {@code DeploymentRequested} record on
 * Kafka: the request's server span, the outbox row and the record's {@code traceparent} header share
 * the trace id the caller sent.
 */
@QuarkusTest
class TraceTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager em;

    @Test
    void theAdoptersRequestAndTheDeploymentRequestedEventOnKafkaAreOneTrace() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, List.of(OperatorType.SELF_OPERATED));
        String operator = CatalogEvents.registerOperator(OperatorType.SELF_OPERATED, 2);
        String adopter = TestTokens.adopter(CatalogEvents.ags());
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpanId = HexFormat.of().formatHex(randomBytes(8));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.LICENSING_DEPLOYMENTS);
            String licenseId = given().auth().oauth2(adopter).contentType("application/json")
                    .header(TraceParent.HEADER, "00-" + traceId + "-" + callerSpanId + "-01")
                    .body(Map.of("solutionId", solution.id(), "planId", solution.planId(), "operatorId", operator))
                    .when().post("/api/licenses").then().statusCode(201).extract().path("id");

            SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER).findFirst().orElse(null),
                    s -> s != null);
            assertThat(request.getName()).isEqualTo("POST /api/licenses");
            assertThat(request.getParentSpanId()).isEqualTo(callerSpanId);

            String rowTraceparent = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                    "select traceparent from outbox_event where event_type = 'DeploymentRequested' and record_key = ?1 "
                            + "and topic = ?2").setParameter(1, licenseId).setParameter(2, Topics.LICENSING_DEPLOYMENTS)
                    .getSingleResult());
            assertThat(TraceParent.traceId(rowTraceparent)).isEqualTo(traceId);

            KafkaEvents.Received requested = kafka.readFrom(from, Duration.ofSeconds(20),
                    r -> r.stream().anyMatch(e -> licenseId.equals(e.key()))).stream()
                    .filter(e -> licenseId.equals(e.key())).findFirst().orElseThrow();
            assertThat(requested.header("ce_type")).isEqualTo("DeploymentRequested");
            assertThat(TraceParent.traceId(requested.header(TraceParent.HEADER))).isEqualTo(traceId);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never the invalid all-zero id
        return bytes;
    }
}

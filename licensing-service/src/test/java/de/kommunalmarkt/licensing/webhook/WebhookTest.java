package de.kommunalmarkt.licensing.webhook;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as an operator's endpoint sees them: a real HTTP server on a loopback port (allowed over http
 * in the test profile), the backoff shortened to 200 ms / 400 ms.
 */
@QuarkusTest
class WebhookTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @Test
    void aReceiverThatFailsTwiceGetsEachEventOnceAfterRetriesInOrderSignedWithItsSecret() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (WebhookReceiver receiver = new WebhookReceiver(r -> calls.computeIfAbsent(r.id(), id -> new AtomicInteger())
                .incrementAndGet() <= 2 ? 503 : 204)) {
            TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
            String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
            String token = TestTokens.operator(operator);
            String secret = register(token, receiver.url("/hooks/" + operator)).getString("secret");

            String deploymentId = requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator)
                    .statusCode(201).extract().path("deployment.id");
            accept(token, deploymentId).statusCode(200);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    deliveries(token).getList("items.findAll { it.state == 'DELIVERED' }").size() == 2);

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(6);
            List<String> ids = WebhookReceiver.idsInOrder(received);
            assertThat(ids).as("all attempts of the first event before any of the second").hasSize(2);
            for (String id : ids) {
                List<WebhookReceiver.Received> attempts = receiver.receivedFor(id);
                assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 204);
                assertThat(attempts).extracting(WebhookReceiver.Received::body).as("the same body on every attempt").containsOnly(attempts.get(0).body());
                assertThat((attempts.get(1).receivedNanos() - attempts.get(0).receivedNanos()) / 1e6).as("backoff 200 ms").isGreaterThanOrEqualTo(150);
                assertThat((attempts.get(2).receivedNanos() - attempts.get(1).receivedNanos()) / 1e6).as("backoff 400 ms").isGreaterThanOrEqualTo(350);
                for (WebhookReceiver.Received attempt : attempts) {
                    assertThat(attempt.contentType()).startsWith("application/cloudevents+json");
                    assertThat(verify(secret, attempt)).as("signed with the operator's secret").isTrue();
                    assertThat(verify(WebhookSignature.newSecret(), attempt)).as("not with another").isFalse();
                    assertThat(Math.abs(Long.parseLong(attempt.timestamp()) - System.currentTimeMillis() / 1000)).isLessThan(60);
                }
            }
            JsonNode first = CatalogEvents.JSON.readTree(receiver.receivedFor(ids.get(0)).get(0).body());
            JsonNode second = CatalogEvents.JSON.readTree(receiver.receivedFor(ids.get(1)).get(0).body());
            for (JsonNode event : List.of(first, second)) {
                assertThat(event.get("specversion").asText()).isEqualTo("1.0");
                assertThat(event.get("source").asText()).isEqualTo("licensing-service");
                assertThat(event.get("subject").asText()).isEqualTo(deploymentId);
                assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
                assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(event.get("data").get("operatorId").asText()).isEqualTo(operator);
            }
            assertThat(first.get("id").asText()).isEqualTo(ids.get(0));
            assertThat(first.get("type").asText()).isEqualTo("DeploymentRequested");
            assertThat(EventSchemas.validate(EventType.DEPLOYMENT_REQUESTED, first.get("data"))).isEmpty();
            assertThat(second.get("type").asText()).isEqualTo("DeploymentAccepted");
            assertThat(EventSchemas.validate(EventType.DEPLOYMENT_ACCEPTED, second.get("data"))).isEmpty();

            JsonPath log = deliveries(token);
            assertThat(log.getInt("total")).isEqualTo(2);
            assertThat(log.getList("items.eventId")).containsExactly(ids.get(1), ids.get(0));
            assertThat(log.getList("items.eventType")).containsExactly("DeploymentAccepted", "DeploymentRequested");
            assertThat(log.getList("items.attempts")).containsExactly(3, 3);
            assertThat(log.getList("items.lastStatus")).containsExactly(204, 204);
            assertThat(log.getList("items.state")).containsExactly("DELIVERED", "DELIVERED");
            assertThat(log.getList("items.nextAttemptAt")).containsOnlyNulls();

            Thread.sleep(500);
            assertThat(receiver.received()).as("nothing sent again after success").hasSize(6);
        }
    }

    @Test
    void aBadUrlIs400AndChangesNothingAndTheSecretIsShownOnlyOnce() {
        String token = TestTokens.operator(CatalogEvents.operatorId());
        get(token, "/api/operators/me/webhook").statusCode(404).contentType(containsString("application/problem+json"));
        List<String> bad = List.of("", " ", "example.org/hook", "/relative/path", "ftp://example.org/hook",
                "http://example.org/hook", "http://10.0.0.1/hook", "https://user:secret@example.org/hook",
                "https://example.org/hook#fragment", "https:///nohost", "https://exa mple.org/", "https://example.org/\u00e4rger", "https://example.org/\u202e", "https://" + "a".repeat(2000) + ".org/");
        for (String url : bad) {
            put(token, Map.of("url", url)).statusCode(400).contentType(containsString("application/problem+json"))
                    .body("violations[0].field", equalTo("url"));
        }
        put(token, Map.of()).statusCode(400);
        put(token, Map.of("url", 42)).statusCode(400);
        get(token, "/api/operators/me/webhook").statusCode(404);

        JsonPath registered = register(token, "https://betrieb.example.org/kommunalmarkt/events");
        String secret = registered.getString("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]+=*");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeBetween(24, 64);
        get(token, "/api/operators/me/webhook").statusCode(200)
                .body("url", equalTo("https://betrieb.example.org/kommunalmarkt/events"))
                .body("$", not(hasKey("secret")));
        assertThat(get(token, "/api/operators/me/webhook").extract().asString()).doesNotContain(secret);

        for (String url : bad) {
            put(token, Map.of("url", url)).statusCode(400);
        }
        get(token, "/api/operators/me/webhook").statusCode(200).body("url", equalTo("https://betrieb.example.org/kommunalmarkt/events"));

        String next = register(token, "https://betrieb.example.org/v2").getString("secret");
        assertThat(next).as("a new secret with each registration").isNotEqualTo(secret);
        // http is for loopback only, and only because the test profile allows it
        register(token, "http://127.0.0.1:9/hook");
        register(token, "http://[::1]:9/hook");
        register(token, "http://localhost:9/hook");

        given().auth().oauth2(TestTokens.adopter(CatalogEvents.ags())).contentType("application/json")
                .body(Map.of("url", "https://x.example.org/")).when().put("/api/operators/me/webhook").then().statusCode(403);
        given().contentType("application/json").body(Map.of("url", "https://x.example.org/"))
                .when().put("/api/operators/me/webhook").then().statusCode(401);
        get(TestTokens.marketplaceAdmin(), "/api/operators/me/webhook/deliveries").statusCode(403);
    }

    @Test
    void anOperatorSeesOnlyItsOwnDeliveriesAndItsEndpointOnlyItsOwnEvents() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(r -> 204)) {
            TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
            String a = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
            String b = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
            register(TestTokens.operator(a), receiver.url("/a"));
            register(TestTokens.operator(b), receiver.url("/b"));
            for (String operator : List.of(a, b, a)) {
                requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator).statusCode(201);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3);

            JsonPath ofA = deliveries(TestTokens.operator(a));
            JsonPath ofB = deliveries(TestTokens.operator(b));
            assertThat(ofA.getInt("total")).isEqualTo(2);
            assertThat(ofB.getInt("total")).isEqualTo(1);
            List<String> idsOfA = ofA.getList("items.eventId");
            List<String> idsOfB = ofB.getList("items.eventId");
            assertThat(idsOfA).doesNotContainAnyElementsOf(idsOfB);
            for (WebhookReceiver.Received r : receiver.received()) {
                String operator = r.path().equals("/a") ? a : b;
                assertThat((operator.equals(a) ? idsOfA : idsOfB)).contains(r.id());
                assertThat(CatalogEvents.JSON.readTree(r.body()).get("data").get("operatorId").asText()).isEqualTo(operator);
            }
            // paged like every list
            given().auth().oauth2(TestTokens.operator(a)).queryParam("size", 1).queryParam("page", 1)
                    .when().get("/api/operators/me/webhook/deliveries").then().statusCode(200)
                    .body("items.size()", equalTo(1)).body("total", equalTo(2)).body("page", equalTo(1))
                    .body("items[0].eventId", equalTo(idsOfA.get(1)));
            given().auth().oauth2(TestTokens.operator(a)).queryParam("size", 0)
                    .when().get("/api/operators/me/webhook/deliveries").then().statusCode(400);
        }
    }

    @Test
    void aDeliveryWhoseSenderDiesBeforeRecordingTheOutcomeIsSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(r -> {
            if (calls.incrementAndGet() == 1) {
                // the instance sending this dies now: its database session (holding the delivery's row lock,
                // its transaction not committed) ends as it would on a kill -9
                long killed = CatalogEvents.count("""
                        select count(pg_terminate_backend(l.pid)) from pg_locks l join pg_class c on c.oid = l.relation
                        where c.relname = ?1 and l.mode = 'RowShareLock' and l.pid <> pg_backend_pid()""", "webhook_delivery");
                assertThat(killed).as("the sender's session").isPositive();
            }
            return 200;
        })) {
            TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
            String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
            String token = TestTokens.operator(operator);
            register(token, receiver.url("/hook"));
            requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator).statusCode(201);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "DELIVERED".equals(deliveries(token).getString("items[0].state")));
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).id()).as("the same event again: the receiver dedupes by webhook-id").isEqualTo(received.get(0).id());
            assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
            assertThat(deliveries(token).getInt("items[0].attempts")).as("the lost attempt was never recorded").isEqualTo(1);
        }
    }

    private static io.restassured.response.ValidatableResponse put(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).when().put("/api/operators/me/webhook").then();
    }

    private static JsonPath register(String token, String url) {
        return put(token, Map.of("url", url)).statusCode(200).body("url", equalTo(url)).extract().jsonPath();
    }

    private static JsonPath deliveries(String token) {
        return get(token, "/api/operators/me/webhook/deliveries").statusCode(200).extract().jsonPath();
    }

    /** The receiver's check, written from the Standard Webhooks specification (not the service's code). */
    private static boolean verify(String secret, WebhookReceiver.Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.signature().split(" ")) {
            if (signature.startsWith("v1,") && java.security.MessageDigest.isEqual(
                    signature.substring(3).getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

}

package de.kommunalmarkt.common.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer on a real Kafka channel: a transient failure is waited out however long it lasts, a
 * record that can never be applied becomes a dead letter (table and {@code .dlq}), which a marketplace
 * admin lists and replays after the fix.
 */
@QuarkusTest
@TestProfile(SecuredCommonTestProfile.class)
class DeadLetterTest {

    static final String PAYLOAD = """
            {"ags":"05315000","name":"Köln","inhabitants":1080000,"leitwegId":"05315000-KM001-20",
             "billingAddress":{"street":"Willy-Brandt-Platz 2","postalCode":"50679","city":"Köln","countryCode":"DE"},
             "contactEmail":"it@stadt-koeln.example"}""";
    static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    TestEventConsumer consumer;

    /** The topic and its .dlq exist before anything is read from them, as the services' topics do. */
    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = Stream.of(TestEventConsumer.TOPIC, TestEventConsumer.TOPIC + ".dlq")
                    .filter(topic -> !existing.contains(topic)).map(topic -> new NewTopic(topic, 3, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Inject
    EntityManager em;

    @Test
    void aTransientFailureLongerThanTheRetryBudgetIsWaitedOutInOrderWithoutDeadLetter() {
        String key = "k-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        consumer.databaseAwayUntil(first, Instant.now().plusSeconds(3));
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(TestEventConsumer.TOPIC, key, PAYLOAD, headers(UUID.randomUUID(), first));
            kafka.send(TestEventConsumer.TOPIC, key, PAYLOAD, headers(UUID.randomUUID(), second));
        }

        await().atMost(EVENTUALLY).until(() -> effects(second) == 1);
        assertThat(effects(first)).isEqualTo(1);
        assertThat(order(first)).isLessThan(order(second));
        // more attempts than the ~3 the old bounded retry gave a database restart
        assertThat(consumer.attempts(first)).isGreaterThan(3);
        assertThat(deadLetterCount(key)).isZero();
    }

    @Test
    void aRecordThatCannotBeAppliedIsDeadLetteredListedAndReplayedAfterTheFix() {
        String key = "k-" + UUID.randomUUID();
        String label = "broken-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        consumer.breakFor(label);
        try (KafkaEvents kafka = new KafkaEvents()) {
            var dlqFrom = kafka.endOffsets(TestEventConsumer.TOPIC + ".dlq");
            kafka.send(TestEventConsumer.TOPIC, key, PAYLOAD, headers(UUID.randomUUID(), label));
            kafka.send(TestEventConsumer.TOPIC, key, PAYLOAD, headers(UUID.randomUUID(), after));

            // the consumer goes on
            await().atMost(EVENTUALLY).until(() -> effects(after) == 1);
            List<KafkaEvents.Received> dlq = kafka.readFrom(dlqFrom, EVENTUALLY,
                    r -> r.stream().anyMatch(d -> key.equals(d.key())));
            assertThat(dlq).filteredOn(d -> key.equals(d.key())).singleElement().satisfies(d -> {
                assertThat(d.header("dead-letter-reason")).isEqualTo("consumer " + TestEventConsumer.CONSUMER
                        + ": this consumer cannot place " + label + " (a bug)");
                assertThat(d.header("dead-letter-cause-class-name")).isEqualTo(IllegalArgumentException.class.getName());
                assertThat(d.value()).isEqualTo(PAYLOAD);
            });
        }
        assertThat(effects(label)).isZero();
        assertThat(consumer.attempts(label)).isEqualTo(3);

        JsonPath listed = listAsAdmin(Map.of("topic", TestEventConsumer.TOPIC, "size", 200));
        Map<String, Object> letter = listed.<Map<String, Object>>getList("items").stream()
                .filter(d -> key.equals(d.get("key"))).findFirst().orElseThrow();
        long id = ((Number) letter.get("id")).longValue();
        assertThat(letter.get("consumer")).isEqualTo(TestEventConsumer.CONSUMER);
        assertThat(letter.get("errorClass")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat((String) letter.get("errorMessage")).contains("cannot place " + label);
        assertThat(letter.get("payload")).isEqualTo(PAYLOAD);
        assertThat(letter.get("replayedAt")).isNull();
        assertThat(listed.getInt("page")).isZero();
        assertThat(listed.getLong("total")).isGreaterThanOrEqualTo(1);
        assertThat(openDeadLetterGauge()).isGreaterThanOrEqualTo(1.0);

        // replayed before the fix: fails again and stays open
        replay(Map.of("ids", List.of(id))).statusCode(200)
                .body("results[0].outcome", equalTo("FAILED")).body("failed", equalTo(1));
        assertThat(effects(label)).isZero();

        consumer.fix(label);
        replay(Map.of("ids", List.of(id))).statusCode(200)
                .body("results[0].id", equalTo((int) id))
                .body("results[0].consumer", equalTo(TestEventConsumer.CONSUMER))
                .body("results[0].outcome", equalTo("APPLIED")).body("applied", equalTo(1));
        assertThat(effects(label)).isEqualTo(1);
        // the same again changes nothing
        replay(Map.of("ids", List.of(id))).statusCode(200).body("results[0].outcome", equalTo("DUPLICATE"));
        assertThat(effects(label)).isEqualTo(1);

        Map<String, Object> replayed = listAsAdmin(Map.of("topic", TestEventConsumer.TOPIC, "size", 200))
                .<Map<String, Object>>getList("items").stream().filter(d -> key.equals(d.get("key"))).findFirst().orElseThrow();
        assertThat(replayed.get("replayedAt")).isNotNull();
        assertThat(replayed.get("replayOutcome")).isEqualTo("DUPLICATE");
    }

    @Test
    void aMalformedRecordIsDeadLetteredAtOnceAndReplayingAllLeavesItOpen() {
        String key = "k-" + UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(TestEventConsumer.TOPIC, key, "{\"ags\": [1,", headers(UUID.randomUUID(), "garbage"));
        }
        await().atMost(EVENTUALLY).until(() -> deadLetterCount(key) == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select error_class from dead_letter where record_key = ?1").setParameter(1, key).getSingleResult()))
                .isEqualTo(PoisonEventException.class.getName());

        JsonPath report = JsonPath.from(replay(Map.of("all", true)).statusCode(200).extract().asString());
        assertThat(report.<Map<String, Object>>getList("results")).anySatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("FAILED");
            assertThat((String) r.get("error")).contains("not a valid MunicipalityRegistered");
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from dead_letter where record_key = ?1 and replayed_at is null").setParameter(1, key)
                .getSingleResult())).isEqualTo(1L);
    }

    @Test
    void badReplayRequestsAreRefusedAsProblems() {
        replay(Map.of("ids", List.of(987_654_321L))).statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("987654321"));
        replay(Map.of()).statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("ids"));
        replay(Map.of("ids", List.of(1), "all", true)).statusCode(400).contentType("application/problem+json");
        replay(Map.of("ids", List.of())).statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.marketplaceAdmin()).queryParam("topic", "no topic!").when()
                .get("/api/admin/dead-letters").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.marketplaceAdmin()).queryParam("size", 0).when()
                .get("/api/admin/dead-letters").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyTheMarketplaceAdminSeesAndReplaysDeadLetters() {
        given().when().get("/api/admin/dead-letters").then().statusCode(401);
        given().contentType("application/json").body(Map.of("all", true)).when().post("/api/admin/dead-letters/replay")
                .then().statusCode(401);
        for (String token : List.of(TestTokens.billingAdmin(), TestTokens.adopter("05315000"), TestTokens.operator("ops-1"))) {
            given().auth().oauth2(token).when().get("/api/admin/dead-letters").then().statusCode(403);
            given().auth().oauth2(token).contentType("application/json").body(Map.of("all", true))
                    .when().post("/api/admin/dead-letters/replay").then().statusCode(403);
        }
    }

    private static JsonPath listAsAdmin(Map<String, ?> query) {
        return JsonPath.from(given().auth().oauth2(TestTokens.marketplaceAdmin()).queryParams(query)
                .when().get("/api/admin/dead-letters").then().statusCode(200).extract().asString());
    }

    private static io.restassured.response.ValidatableResponse replay(Map<String, ?> body) {
        return given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json").body(body)
                .when().post("/api/admin/dead-letters/replay").then();
    }

    private static double openDeadLetterGauge() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("kommunalmarkt_dead_letters{") && l.contains("consumer=\"test-events\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static Map<String, String> headers(UUID id, String subject) {
        return Map.of("ce_id", id.toString(), "ce_type", "MunicipalityRegistered", "ce_subject", subject,
                "ce_specversion", "1.0", "ce_source", "test");
    }

    private long effects(String label) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from test_effect where label = ?1").setParameter(1, label).getSingleResult()).longValue());
    }

    private long order(String label) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from test_effect where label = ?1").setParameter(1, label).getSingleResult()).longValue());
    }

    private long deadLetterCount(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from dead_letter where record_key = ?1").setParameter(1, key).getSingleResult()).longValue());
    }
}

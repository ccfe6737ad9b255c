package de.kommunalmarkt.catalog.events;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.municipality;
import static de.kommunalmarkt.catalog.Fixtures.plan;
import static de.kommunalmarkt.catalog.Fixtures.randomAgs;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every event type the catalog emits, as it arrives on Kafka, validates against its JSON Schema in event-contracts. */
@QuarkusTest
class EmittedEventsTest {

    @Test
    void everyEventTheCatalogEmitsValidatesAgainstItsSchema() {
        String admin = TestTokens.marketplaceAdmin();
        String ags = randomAgs();
        String operatorId = "schema-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> operator = Map.of("id", operatorId, "name", "Schema-Betrieb", "operatorType", "PRIVATE_IT_PROVIDER",
                "statesServed", List.of("05", "01"), "capacity", 7, "contactEmail", "betrieb@schema.example.org");
        String token = TestTokens.provider(ags);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var directoryFrom = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            var solutionsFrom = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);

            given().auth().oauth2(admin).contentType("application/json").body(municipality(ags, "Schemastadt", 80_000))
                    .when().post("/api/municipalities").then().statusCode(201);
            given().auth().oauth2(admin).contentType("application/json").body(municipality(ags, "Schemastadt", 81_000))
                    .when().put("/api/municipalities/{ags}", ags).then().statusCode(200);
            given().auth().oauth2(admin).contentType("application/json").body(operator)
                    .when().post("/api/operators").then().statusCode(201);
            given().auth().oauth2(admin).contentType("application/json").body(operator)
                    .when().put("/api/operators/{id}", operatorId).then().statusCode(200);

            String id = draft(token, readySolution("Schemagerecht"));
            addPlan(token, id, plan("Community", "FREE", "vatRate", BigDecimal.ZERO, "vatCategory", "O",
                "vatExemptionReason", "Nicht steuerbar: unentgeltliche Überlassung"));
            String flat = addPlan(token, id, flatPlan("300.00"));
            addPlan(token, id, plan("Einwohner", "PER_INHABITANT", "ratePer1000", new BigDecimal("12.50"),
                    "minMonthly", new BigDecimal("50"), "maxMonthly", new BigDecimal("2000")));
            addPlan(token, id, plan("Staffel", "TIERED", "tiers", List.of(Map.of("upTo", 20000, "monthlyFee", 150),
                    Map.of("monthlyFee", 900))));
            addPlan(token, id, plan("Umlage gemischt", "COST_SHARING", "monthlyPool", new BigDecimal("10000"), "costSharingKey", "MIXED",
                    "inhabitantWeight", new BigDecimal("0.25"), "vatRate", BigDecimal.ZERO, "vatCategory", "E",
                    "vatExemptionReason", "Interkommunale Zusammenarbeit, § 2b UStG"));
            addPlan(token, id, plan("Umlage Einwohner", "COST_SHARING", "monthlyPool", new BigDecimal("5000"),
                    "costSharingKey", "INHABITANTS"));
            Fixtures.publish(token, id);
            given().auth().oauth2(token).contentType("application/json").body(readySolution("Schemagerecht, neu"))
                    .when().put("/api/solutions/{id}", id).then().statusCode(200);
            addPlan(token, id, flatPlan("320.00"));
            given().auth().oauth2(token).when().post("/api/solutions/{id}/plans/{p}/retire", id, flat).then().statusCode(200);
            given().auth().oauth2(token).when().post("/api/solutions/{id}/deprecate", id).then().statusCode(200);

            Set<String> keys = Set.of(ags, operatorId, id);
            List<KafkaEvents.Received> events = new ArrayList<>();
            events.addAll(kafka.readFrom(directoryFrom, Duration.ofSeconds(15),
                    r -> r.stream().filter(e -> keys.contains(e.key())).count() >= 4));
            events.addAll(kafka.readFrom(solutionsFrom, Duration.ofSeconds(15),
                    r -> r.stream().anyMatch(e -> id.equals(e.key()) && "SolutionDeprecated".equals(e.header("ce_type")))));
            List<KafkaEvents.Received> ours = events.stream().filter(e -> keys.contains(e.key())).toList();

            assertThat(ours.stream().map(e -> e.header("ce_type")).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    "MunicipalityRegistered", "MunicipalityUpdated", "OperatorRegistered", "OperatorUpdated",
                    "SolutionPublished", "SolutionUpdated", "SolutionDeprecated");
            assertThat(ours).hasSize(4 + 1 + 3 + 1);
            for (KafkaEvents.Received event : ours) {
                assertThat(EventSchemas.violations(event.header("ce_type"), event.value()))
                        .as("%s %s", event.header("ce_type"), event.value()).isEmpty();
                assertThat(event.header("ce_subject")).isEqualTo(event.key());
                assertThat(event.header("content-type")).isEqualTo("application/json");
            }
        }
    }

    @Test
    void everyRoundEventValidatesAgainstItsSchema() {
        String admin = TestTokens.marketplaceAdmin();
        String providerAgs = Fixtures.registeredMunicipality("Rundenschema");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = Fixtures.publishedSolution(providerAgs, "Schemarunde");
        String planId = given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).extract().path("plans[0].id");
        String operatorId = "schema-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("id", operatorId, "name", "Schema-Betrieb",
                "operatorType", "SELF_OPERATED", "statesServed", List.of("05"), "capacity", 3, "contactEmail", "b@schema.example.org"))
                .when().post("/api/operators").then().statusCode(201);
        String a = Fixtures.registeredMunicipality("Schemageber A");
        String b = Fixtures.registeredMunicipality("Schemageber B");
        Map<String, Object> round = new java.util.LinkedHashMap<>();
        round.put("purposes", List.of(Map.of("purpose", "Weiterentwicklung", "amount", new BigDecimal("900.50")),
                Map.of("purpose", "Betrieb", "amount", new BigDecimal("99.50"))));
        round.put("target", new BigDecimal("1000.00"));
        round.put("closesOn", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(7).toString());
        round.put("minParticipants", 2);
        round.put("vatCategory", "O");
        round.put("vatRate", BigDecimal.ZERO);
        round.put("vatExemptionReason", "Nicht steuerbar: Zuschuss");

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_ROUNDS);
            String roundId = given().auth().oauth2(provider).contentType("application/json").body(round)
                    .when().post("/api/solutions/{id}/scaling-rounds", solutionId).then().statusCode(201).extract().path("id");
            given().auth().oauth2(TestTokens.adopter(a)).contentType("application/json")
                    .body(Map.of("contribution", new BigDecimal("1000.00"), "commitPlanId", planId, "commitOperatorId", operatorId))
                    .when().post("/api/scaling-rounds/{id}/pledges", roundId).then().statusCode(201);
            given().auth().oauth2(TestTokens.adopter(b)).contentType("application/json")
                    .body(Map.of("contribution", new BigDecimal("5")))
                    .when().post("/api/scaling-rounds/{id}/pledges", roundId).then().statusCode(201);
            given().auth().oauth2(TestTokens.adopter(b)).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId).then().statusCode(204);
            given().auth().oauth2(TestTokens.adopter(b)).contentType("application/json")
                    .body(Map.of("commitPlanId", planId, "commitOperatorId", operatorId))
                    .when().post("/api/scaling-rounds/{id}/pledges", roundId).then().statusCode(201);
            given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(200);

            List<KafkaEvents.Received> ours = kafka.readFrom(from, Duration.ofSeconds(15),
                    r -> r.stream().anyMatch(e -> roundId.equals(e.key()) && "ScalingRoundClosed".equals(e.header("ce_type"))))
                    .stream().filter(e -> roundId.equals(e.key())).toList();
            assertThat(ours.stream().map(e -> e.header("ce_type")).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    "ScalingRoundOpened", "PledgeMade", "PledgeWithdrawn", "ScalingRoundClosed");
            assertThat(ours).hasSize(6);
            for (KafkaEvents.Received event : ours) {
                assertThat(EventSchemas.violations(event.header("ce_type"), event.value()))
                        .as("%s %s", event.header("ce_type"), event.value()).isEmpty();
                assertThat(event.header("ce_subject")).isEqualTo(roundId);
                assertThat(event.header("content-type")).isEqualTo("application/json");
                assertThat(event.topic()).isEqualTo(Topics.CATALOG_ROUNDS);
            }
        }
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        assertThat(EventSchemas.violations("SolutionDeprecated",
                "{\"solutionId\":\"not-a-uuid\",\"providerAgs\":\"17000000\",\"occurredAt\":\"2026-11-16T08:00:00Z\"}")).hasSize(2);
        assertThat(EventSchemas.violations("OperatorRegistered", "{\"operatorId\":\"x\"}")).isNotEmpty();
    }
}

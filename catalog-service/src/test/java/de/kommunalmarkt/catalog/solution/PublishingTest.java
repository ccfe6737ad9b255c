package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDraftThatFailsTheGateIsRefusedWith422ListingEveryUnmetMustCriterionAndStaysADraft() {
        String ags = registeredMunicipality("Unfertigstadt");
        String token = TestTokens.provider(ags);
        Map<String, Object> body = readySolution("Halbfertig");
        body.remove("sourceLicense");
        body.remove("documentationUrl");
        body.put("qualityProfile", Map.of());
        body.put("referenceEnvironments", List.of(Map.of("municipality", "Hier", "operator", "Wir", "hostingMode", "CLOUD")));
        body.put("supportedOperatorTypes", List.of());
        body.put("maturity", "PROTOTYPE");
        String id = draft(token, body);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            given().auth().oauth2(token).when().post("/api/solutions/{id}/publish", id)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("unmetCriteria.criterion", containsInAnyOrder("DOCUMENTATION_LINK", "SOURCE_LICENSE",
                            "DATA_PROTECTION_STATEMENT", "IT_SECURITY_CONCEPT", "ACCESSIBILITY", "REFERENCE_ENVIRONMENTS",
                            "SUPPORTED_OPERATOR_TYPE", "PLAN", "MATURITY"))
                    .body("violations.field", containsInAnyOrder("documentationUrl", "sourceLicense",
                            "qualityProfile.dataProtectionStatementUrl", "qualityProfile.securityConceptUrl",
                            "qualityProfile.accessibilityStatementUrl", "referenceEnvironments", "supportedOperatorTypes",
                            "plans", "maturity"))
                    .body("violations.find { it.field == 'maturity' }.message", containsString("at least PILOT (now PROTOTYPE)"))
                    .body("violations.find { it.field == 'plans' }.message", containsString("POST /api/solutions/" + id + "/plans"))
                    .body("detail", containsString("documentation link present"))
                    // of the 12 criteria only the open standard (a SHOULD) is met
                    .body("readinessScore", equalTo(0.08f));
            assertThat(kafka.readFrom(from, Duration.ofSeconds(2), r -> false)).noneMatch(e -> id.equals(e.key()));
        }
        given().auth().oauth2(token).when().get("/api/solutions/{id}", id).then().body("state", equalTo("DRAFT"));
    }

    @Test
    void aSingleUnmetCriterionIsNamedWithWhatToDo() {
        String token = TestTokens.provider(registeredMunicipality("Fastfertigstadt"));
        Map<String, Object> body = readySolution("Fast fertig");
        ((Map<String, Object>) body.get("qualityProfile")).remove("accessibilityStatementUrl");
        String id = draft(token, body);
        addPlan(token, id, flatPlan("10.00"));
        given().auth().oauth2(token).when().post("/api/solutions/{id}/publish", id)
                .then().statusCode(422)
                .body("unmetCriteria", hasSize(1))
                .body("unmetCriteria[0].criterion", equalTo("ACCESSIBILITY"))
                .body("unmetCriteria[0].hint", containsString("noUserInterface"));
        ((Map<String, Object>) body.get("qualityProfile")).put("noUserInterface", true);
        given().auth().oauth2(token).contentType("application/json").body(body).when().put("/api/solutions/{id}", id)
                .then().statusCode(200);
        given().auth().oauth2(token).when().post("/api/solutions/{id}/publish", id).then().statusCode(200)
                .body("state", equalTo("PUBLISHED")).body("publishedAt", notNullValue());
    }

    @Test
    void publishingEmitsSolutionPublishedWithEverythingLicensingNeeds() throws Exception {
        String ags = registeredMunicipality("Anbieterstadt");
        String token = TestTokens.provider(ags);
        Map<String, Object> body = readySolution("Parkleitsystem");
        body.put("approvalPolicy", "MANUAL");
        String id = draft(token, body);
        String planId = addPlan(token, id, flatPlan("300.00"));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            Fixtures.publish(token, id);
            var event = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> id.equals(e.key())))
                    .stream().filter(e -> id.equals(e.key())).findFirst().orElseThrow();
            assertThat(event.header("ce_type")).isEqualTo("SolutionPublished");
            assertThat(event.header("ce_subject")).isEqualTo(id);
            assertThat(event.header("ce_source")).isEqualTo("catalog-service");
            JsonNode payload = JSON.readTree(event.value());
            assertThat(payload.get("solutionId").asText()).isEqualTo(id);
            assertThat(payload.get("providerAgs").asText()).isEqualTo(ags);
            assertThat(payload.get("state").asText()).isEqualTo("PUBLISHED");
            assertThat(payload.get("category").asText()).isEqualTo("MOBILITY");
            assertThat(payload.get("approvalPolicy").asText()).isEqualTo("MANUAL");
            assertThat(payload.get("supportedOperatorTypes").toString()).isEqualTo("[\"REGIONAL_IT_PROVIDER\",\"SELF_OPERATED\"]");
            assertThat(payload.get("hostingModes").toString()).isEqualTo("[\"CLOUD\",\"ON_PREMISES\"]");
            JsonNode terms = payload.get("plans").get(0);
            assertThat(terms.get("planId").asText()).isEqualTo(planId);
            assertThat(terms.get("model").asText()).isEqualTo("FLAT");
            assertThat(terms.get("monthlyFee").decimalValue()).isEqualByComparingTo("300.00");
            assertThat(terms.get("setupFee").decimalValue()).isEqualByComparingTo("500.00");
            assertThat(terms.get("minimumTermMonths").asInt()).isEqualTo(12);
            assertThat(terms.get("noticePeriodDays").asInt()).isEqualTo(90);
            assertThat(terms.get("vatRate").decimalValue()).isEqualByComparingTo("0.19");
            assertThat(terms.get("vatCategory").asText()).isEqualTo("S");
            assertThat(terms.get("currency").asText()).isEqualTo("EUR");
            assertThat(terms.has("ratePer1000")).as("fields the model does not use are left out").isFalse();
        }
    }

    @Test
    void publishingTwiceIsAConflictNamingTheCurrentState() {
        String ags = registeredMunicipality("Doppelstadt");
        String id = publishedSolution(ags, "Doppelt");
        given().auth().oauth2(TestTokens.provider(ags)).when().post("/api/solutions/{id}/publish", id)
                .then().statusCode(409).contentType("application/problem+json").body("currentState", equalTo("PUBLISHED"));
    }

    @Test
    void concurrentPublishesPublishOnceAndTheOtherIsAConflict() throws Exception {
        String ags = registeredMunicipality("Wettlaufstadt");
        String token = TestTokens.provider(ags);
        String id = draft(token, readySolution("Wettlauf"));
        addPlan(token, id, flatPlan("10.00"));
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Integer> publish = () -> given().auth().oauth2(token).when().post("/api/solutions/{id}/publish", id)
                        .then().extract().statusCode();
                List<Future<Integer>> results = new ArrayList<>(pool.invokeAll(List.of(publish, publish)));
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            } finally {
                pool.shutdown();
            }
            var events = kafka.readFrom(from, Duration.ofSeconds(3), r -> false);
            assertThat(events).filteredOn(e -> id.equals(e.key())).hasSize(1);
        }
    }

    @Test
    void aPublishedSolutionMustKeepPassingTheGateAndEveryChangeEmitsSolutionUpdated() throws Exception {
        String ags = registeredMunicipality("Pflegestadt");
        String token = TestTokens.provider(ags);
        String id = publishedSolution(ags, "Gepflegt");

        Map<String, Object> broken = readySolution("Gepflegt");
        broken.remove("documentationUrl");
        given().auth().oauth2(token).contentType("application/json").body(broken).when().put("/api/solutions/{id}", id)
                .then().statusCode(422).body("unmetCriteria.criterion", containsInAnyOrder("DOCUMENTATION_LINK"));
        given().when().get("/api/solutions/{id}", id).then().body("documentationUrl", notNullValue());

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            Map<String, Object> renamed = readySolution("Gepflegt und umbenannt");
            given().auth().oauth2(token).contentType("application/json").body(renamed).when().put("/api/solutions/{id}", id)
                    .then().statusCode(200).body("state", equalTo("PUBLISHED"));
            var events = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> id.equals(e.key())
                    && "SolutionUpdated".equals(e.header("ce_type"))));
            var updated = events.stream().filter(e -> id.equals(e.key()) && !"SolutionPublished".equals(e.header("ce_type"))).toList();
            assertThat(updated).hasSize(1);
            assertThat(updated.get(0).header("ce_type")).isEqualTo("SolutionUpdated");
            assertThat(JSON.readTree(updated.get(0).value()).get("name").asText()).isEqualTo("Gepflegt und umbenannt");
        }
    }

    @Test
    void theProviderDeprecatesItsSolutionWhichStaysReadableButTakesNoChanges() {
        String ags = registeredMunicipality("Abkündigstadt");
        String token = TestTokens.provider(ags);
        String id = publishedSolution(ags, "Abgekündigt");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            given().auth().oauth2(token).when().post("/api/solutions/{id}/deprecate", id)
                    .then().statusCode(200).body("state", equalTo("DEPRECATED")).body("deprecatedAt", notNullValue());
            // the SolutionPublished of the set-up may still be on its way: look for the deprecation
            var event = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> id.equals(e.key())
                            && "SolutionDeprecated".equals(e.header("ce_type"))))
                    .stream().filter(e -> id.equals(e.key()) && "SolutionDeprecated".equals(e.header("ce_type"))).findFirst().orElseThrow();
            assertThat(event.value()).contains("\"providerAgs\":\"" + ags + "\"");
        }
        given().when().get("/api/solutions/{id}", id).then().statusCode(200).body("state", equalTo("DEPRECATED"));
        given().auth().oauth2(token).when().post("/api/solutions/{id}/deprecate", id)
                .then().statusCode(409).body("currentState", equalTo("DEPRECATED"));
        given().auth().oauth2(token).contentType("application/json").body(readySolution("Wiederbelebt"))
                .when().put("/api/solutions/{id}", id).then().statusCode(409).body("currentState", equalTo("DEPRECATED"));
    }

    @Test
    void aMarketplaceAdminDeprecatesAnyPublishedSolutionButSeesNoDrafts() {
        String ags = registeredMunicipality("Aufsichtstadt");
        String published = publishedSolution(ags, "Beaufsichtigt");
        String drafted = draft(TestTokens.provider(ags), readySolution("Unbeaufsichtigt"));
        given().auth().oauth2(TestTokens.marketplaceAdmin()).when().post("/api/solutions/{id}/deprecate", published)
                .then().statusCode(200).body("state", equalTo("DEPRECATED"));
        given().auth().oauth2(TestTokens.marketplaceAdmin()).when().post("/api/solutions/{id}/deprecate", drafted)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.provider(ags)).when().post("/api/solutions/{id}/deprecate", drafted)
                .then().statusCode(409).body("currentState", equalTo("DRAFT"));
        given().auth().oauth2(TestTokens.adopter(ags)).when().post("/api/solutions/{id}/deprecate", published)
                .then().statusCode(403);
    }
}

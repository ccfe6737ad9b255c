package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.plan;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlanResourceTest {

    static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void plansOfEveryModelAreAddedWithTheirTerms() {
        String token = TestTokens.provider(registeredMunicipality("Planstadt"));
        String id = draft(token, readySolution("Alle Modelle"));
        addPlan(token, id, plan("Community", "FREE", "vatRate", BigDecimal.ZERO, "vatCategory", "O",
                "vatExemptionReason", "Nicht steuerbar: unentgeltliche Überlassung"));
        addPlan(token, id, plan("Pauschal", "FLAT", "monthlyFee", eur("300.00"), "setupFee", eur("1500"), "minimumTermMonths", 12,
                "noticePeriodDays", 90));
        addPlan(token, id, plan("Nach Einwohnern", "PER_INHABITANT", "ratePer1000", eur("12.50"), "minMonthly", eur("50"),
                "maxMonthly", eur("2000")));
        addPlan(token, id, plan("Staffel", "TIERED", "tiers", List.of(Map.of("upTo", 20000, "monthlyFee", eur("150")),
                Map.of("upTo", 100000, "monthlyFee", eur("450")), Map.of("monthlyFee", eur("900")))));
        addPlan(token, id, plan("Umlage", "COST_SHARING", "monthlyPool", eur("10000.00"), "costSharingKey", "MIXED",
                "inhabitantWeight", eur("0.5"), "vatRate", BigDecimal.ZERO, "vatCategory", "E",
                "vatExemptionReason", "Interkommunale Zusammenarbeit, § 2b UStG"));

        given().auth().oauth2(token).when().get("/api/solutions/{id}", id).then().statusCode(200)
                .body("plans.model", contains("FREE", "FLAT", "PER_INHABITANT", "TIERED", "COST_SHARING"))
                .body("plans[0].monthlyFee", equalTo(null))
                .body("plans[0].setupFee", equalTo(0.00f))
                .body("plans[0].vatCategory", equalTo("O"))
                .body("plans[0].vatExemptionReason", equalTo("Nicht steuerbar: unentgeltliche Überlassung"))
                .body("plans[1].monthlyFee", equalTo(300.00f))
                .body("plans[1].setupFee", equalTo(1500.00f))
                .body("plans[1].minimumTermMonths", equalTo(12))
                .body("plans[2].ratePer1000", equalTo(12.50f))
                .body("plans[2].maxMonthly", equalTo(2000.00f))
                .body("plans[3].tiers", hasSize(3))
                .body("plans[3].tiers[1].upTo", equalTo(100000))
                .body("plans[3].tiers[2].upTo", equalTo(null))
                .body("plans[4].costSharingKey", equalTo("MIXED"))
                .body("plans[4].inhabitantWeight", equalTo(0.5f))
                .body("plans[4].vatCategory", equalTo("E"))
                .body("plans[4].vatExemptionReason", equalTo("Interkommunale Zusammenarbeit, § 2b UStG"))
                .body("plans.currency", contains("EUR", "EUR", "EUR", "EUR", "EUR"));
    }

    @Test
    void invalidPlansAreRefusedNamingTheFieldAndNothingIsStored() {
        String token = TestTokens.provider(registeredMunicipality("Prüfplanstadt"));
        String id = draft(token, readySolution("Prüfplan"));
        refused(token, id, "tiers[1].upTo", plan("Staffel", "TIERED", "tiers", List.of(Map.of("upTo", 100000, "monthlyFee", 1),
                Map.of("upTo", 20000, "monthlyFee", 2), Map.of("monthlyFee", 3))));
        refused(token, id, "inhabitantWeight", plan("Umlage", "COST_SHARING", "monthlyPool", 100, "costSharingKey", "MIXED",
                "inhabitantWeight", eur("1.5")));
        refused(token, id, "vatRate", plan("Teuer", "FLAT", "monthlyFee", 1, "vatRate", eur("0.3")));
        refused(token, id, "vatExemptionReason", plan("Befreit", "FLAT", "monthlyFee", 1, "vatRate", 0, "vatCategory", "E"));
        refused(token, id, "monthlyFee", plan("Krumm", "FLAT", "monthlyFee", eur("10.001")));
        refused(token, id, "setupFee", plan("Negativ", "FLAT", "monthlyFee", 1, "setupFee", eur("-1")));
        refused(token, id, "ratePer1000", plan("Ohne Satz", "PER_INHABITANT"));
        refused(token, id, "monthlyFee", plan("Gratis", "FREE", "monthlyFee", 5, "vatRate", 0, "vatCategory", "O",
                "vatExemptionReason", "Nicht steuerbar"));
        refused(token, id, "vatExemptionReason", plan("Ohne Grund", "FREE", "vatRate", 0, "vatCategory", "O"));
        refused(token, id, "vatRate", plan("Null Prozent", "FLAT", "monthlyFee", 1, "vatRate", 0, "vatCategory", "S"));
        refused(token, id, "noticePeriodDays", plan("Lang", "FLAT", "monthlyFee", 1, "noticePeriodDays", 400));
        refused(token, id, "model", plan("Leasing", "LEASING"));
        refused(token, id, "name", plan("x".repeat(101), "FLAT", "monthlyFee", 1));
        refused(token, id, "monthlyFee", plan("Text", "FLAT", "monthlyFee", "dreihundert"));

        given().auth().oauth2(token).when().get("/api/solutions/{id}", id).then().body("plans", hasSize(0));
    }

    @Test
    void aDraftsPlanIsChangedOrDeletedInPlace() {
        String token = TestTokens.provider(registeredMunicipality("Entwurfsplanstadt"));
        String id = draft(token, readySolution("Entwurf mit Plan"));
        String planId = addPlan(token, id, flatPlan("100.00"));
        given().auth().oauth2(token).contentType("application/json").body(flatPlan("120.00"))
                .when().put("/api/solutions/{id}/plans/{planId}", id, planId)
                .then().statusCode(200).body("id", equalTo(planId)).body("monthlyFee", equalTo(120.00f));
        given().auth().oauth2(token).when().delete("/api/solutions/{id}/plans/{planId}", id, planId).then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/solutions/{id}", id).then().body("plans", hasSize(0));
        given().auth().oauth2(token).when().delete("/api/solutions/{id}/plans/{planId}", id, planId).then().statusCode(404);
    }

    @Test
    void aPublishedPlanIsNeverChangedAPriceChangeIsANewPlanAndTheOldOneIsRetired() throws Exception {
        String ags = registeredMunicipality("Preisstadt");
        String token = TestTokens.provider(ags);
        String id = draft(token, readySolution("Preisänderung"));
        String oldPlan = addPlan(token, id, flatPlan("300.00"));
        Fixtures.publish(token, id);

        given().auth().oauth2(token).contentType("application/json").body(flatPlan("350.00"))
                .when().put("/api/solutions/{id}/plans/{planId}", id, oldPlan)
                .then().statusCode(409).contentType("application/problem+json").body("currentState", equalTo("PUBLISHED"))
                .body("detail", org.hamcrest.Matchers.containsString("Add a new plan"));
        given().auth().oauth2(token).when().delete("/api/solutions/{id}/plans/{planId}", id, oldPlan)
                .then().statusCode(409).body("currentState", equalTo("PUBLISHED"));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            String newPlan = addPlan(token, id, flatPlan("350.00"));
            given().auth().oauth2(token).when().post("/api/solutions/{id}/plans/{planId}/retire", id, oldPlan)
                    .then().statusCode(200).body("active", equalTo(false)).body("retiredAt", notNullValue());

            var events = kafka.readFrom(from, Duration.ofSeconds(10),
                    r -> r.stream().filter(e -> id.equals(e.key())).count() >= 2);
            List<JsonNode> updates = events.stream().filter(e -> id.equals(e.key()))
                    .peek(e -> assertThat(e.header("ce_type")).isEqualTo("SolutionUpdated"))
                    .map(e -> read(e.value())).toList();
            assertThat(updates).hasSize(2);
            assertThat(updates.get(0).get("plans").findValuesAsText("planId")).containsExactly(oldPlan, newPlan);
            assertThat(updates.get(1).get("plans").findValuesAsText("planId")).containsExactly(newPlan);
            assertThat(updates.get(1).get("plans").get(0).get("monthlyFee").decimalValue()).isEqualByComparingTo("350.00");
        }
        given().when().get("/api/solutions/{id}", id).then().statusCode(200)
                .body("plans.active", contains(false, true))
                .body("plans[0].monthlyFee", equalTo(300.00f));
    }

    @Test
    void thePlanAPublishedSolutionStillOffersLastCannotBeRetired() {
        String ags = registeredMunicipality("Letztplanstadt");
        String token = TestTokens.provider(ags);
        String id = draft(token, readySolution("Ein Plan"));
        String planId = addPlan(token, id, flatPlan("10.00"));
        given().auth().oauth2(token).when().post("/api/solutions/{id}/plans/{planId}/retire", id, planId)
                .then().statusCode(409).body("currentState", equalTo("DRAFT"));
        Fixtures.publish(token, id);
        given().auth().oauth2(token).when().post("/api/solutions/{id}/plans/{planId}/retire", id, planId)
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("at least one plan"));
    }

    @Test
    void aDeprecatedSolutionTakesNoNewPlans() {
        String ags = registeredMunicipality("Altstadt");
        String token = TestTokens.provider(ags);
        String id = Fixtures.publishedSolution(ags, "Ausgelaufen");
        given().auth().oauth2(token).when().post("/api/solutions/{id}/deprecate", id).then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(flatPlan("5.00"))
                .when().post("/api/solutions/{id}/plans", id).then().statusCode(409).body("currentState", equalTo("DEPRECATED"));
    }

    private static void refused(String token, String id, String field, Map<String, Object> plan) {
        given().auth().oauth2(token).contentType("application/json").body(plan)
                .when().post("/api/solutions/{id}/plans", id)
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

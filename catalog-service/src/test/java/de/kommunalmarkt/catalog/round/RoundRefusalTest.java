package de.kommunalmarkt.catalog.round;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.randomAgs;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static de.kommunalmarkt.catalog.round.Rounds.from;
import static de.kommunalmarkt.catalog.round.Rounds.pledge;
import static de.kommunalmarkt.catalog.round.Rounds.pledgeOf;
import static de.kommunalmarkt.catalog.round.Rounds.read;
import static de.kommunalmarkt.catalog.round.Rounds.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.kommunalmarkt.catalog.TestClock;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every refusal of opening, pledging and closing: problem+json, a clear message, nothing changed, no event. */
@QuarkusTest
class RoundRefusalTest {

    @Inject
    TestClock clock;

    @Test
    void badOpeningRequestsAre422NamingTheFieldAndOpenNothing() {
        String providerAgs = registeredMunicipality("Antragsstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Abgelehnte Runde");
        LocalDate today = clock.today();
        LocalDate later = today.plusDays(20);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            refusedOpening(provider, solutionId, "target", request("100000.00", later, 2, "Team", "60000.00", "Cloud", "30000.00"));
            refusedOpening(provider, solutionId, "closesOn", request("1000.00", today.minusDays(1), 1, "Team", "1000.00"));
            refusedOpening(provider, solutionId, "closesOn", request("1000.00", today, 1, "Team", "1000.00"));
            refusedOpening(provider, solutionId, "closesOn", request("1000.00", today.plusYears(3), 1, "Team", "1000.00"));
            refusedOpening(provider, solutionId, "minParticipants", request("1000.00", later, 0, "Team", "1000.00"));
            refusedOpening(provider, solutionId, "purposes", request("1000.00", later, 1));
            refusedOpening(provider, solutionId, "purposes[0].amount", request("0.00", later, 1, "Team", "0.00"));
            refusedOpening(provider, solutionId, "purposes[0].amount", request("1000.001", later, 1, "Team", "1000.001"));
            refusedOpening(provider, solutionId, "purposes[0].purpose", request("1000.00", later, 1, " ", "1000.00"));
            Map<String, Object> untaxedS = request("1000.00", later, 1, "Team", "1000.00");
            untaxedS.put("vatRate", BigDecimal.ZERO);
            refusedOpening(provider, solutionId, "vatRate", untaxedS);
            Map<String, Object> exemptWithoutReason = request("1000.00", later, 1, "Team", "1000.00");
            exemptWithoutReason.put("vatCategory", "E");
            exemptWithoutReason.put("vatRate", BigDecimal.ZERO);
            refusedOpening(provider, solutionId, "vatExemptionReason", exemptWithoutReason);
            Map<String, Object> unknownCategory = request("1000.00", later, 1, "Team", "1000.00");
            unknownCategory.put("vatCategory", "X");
            refusedOpening(provider, solutionId, "vatCategory", unknownCategory);
            // malformed JSON and unknown fields stay 400, as everywhere in the service
            Map<String, Object> withProvider = request("1000.00", later, 1, "Team", "1000.00");
            withProvider.put("providerAgs", "05315000");
            given().auth().oauth2(provider).contentType("application/json").body(withProvider)
                    .when().post("/api/solutions/{id}/scaling-rounds", solutionId).then().statusCode(400);

            given().queryParam("solutionId", solutionId).when().get("/api/scaling-rounds").then().statusCode(200).body("total", equalTo(0));
            assertThat(kafka.readFrom(from, Duration.ofSeconds(2), r -> false)).noneMatch(e -> e.value().contains(solutionId));
        }
        // the valid request then opens (E with a reason is fine)
        Map<String, Object> exempt = request("1000.00", later, 1, "Team", "1000.00");
        exempt.put("vatCategory", "E");
        exempt.put("vatRate", BigDecimal.ZERO);
        exempt.put("vatExemptionReason", "Interkommunale Zusammenarbeit, § 2b UStG");
        String roundId = Rounds.open(provider, solutionId, exempt);
        assertThat(read(null, roundId).get("vatExemptionReason").asText()).isEqualTo("Interkommunale Zusammenarbeit, § 2b UStG");
    }

    @Test
    void onlyTheProviderOpensOneRoundAtATimeForAPublishedSolution() {
        String providerAgs = registeredMunicipality("Eignerstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Eigene Lösung");
        Map<String, Object> valid = request("1000.00", clock.today().plusDays(10), 1, "Team", "1000.00");

        String other = TestTokens.provider(registeredMunicipality("Andere Stadt"));
        open(other, solutionId, valid).statusCode(403).contentType("application/problem+json");
        open(TestTokens.adopter(providerAgs), solutionId, valid).statusCode(403);
        open(TestTokens.token("ohne-kommune", Set.of("provider"), Map.of()), solutionId, valid).statusCode(403);
        given().contentType("application/json").body(valid).when().post("/api/solutions/{id}/scaling-rounds", solutionId)
                .then().statusCode(401);
        open(provider, UUID.randomUUID().toString(), valid).statusCode(404);

        String draftId = draft(provider, readySolution("Noch ein Entwurf"));
        addPlan(provider, draftId, flatPlan("100.00"));
        open(provider, draftId, valid).statusCode(409).body("currentState", equalTo("DRAFT"));
        open(other, draftId, valid).statusCode(404);

        String roundId = Rounds.open(provider, solutionId, valid);
        open(provider, solutionId, valid).statusCode(409).body("roundId", equalTo(roundId))
                .body("detail", containsString("open scaling round already"));

        String deprecatedId = publishedSolution(providerAgs, "Abgekündigt");
        given().auth().oauth2(provider).when().post("/api/solutions/{id}/deprecate", deprecatedId).then().statusCode(200);
        open(provider, deprecatedId, valid).statusCode(409).body("currentState", equalTo("DEPRECATED"));
        given().queryParam("solutionId", deprecatedId).when().get("/api/scaling-rounds").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void pledgesThatBreakARuleAreRefusedAndChangeNothing() {
        String providerAgs = registeredMunicipality("Regelstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Regelrunde");
        String otherSolution = publishedSolution(registeredMunicipality("Nachbarstadt"), "Fremde Lösung");
        String foreignPlan = Rounds.firstPlan(otherSolution);
        String planId = Rounds.firstPlan(solutionId);
        String supported = Rounds.operator("REGIONAL_IT_PROVIDER");
        String unsupported = Rounds.operator("CIVIL_SOCIETY");
        String adopter = TestTokens.adopter(registeredMunicipality("Pfandstadt"));
        String roundId = Rounds.open(provider, solutionId, request("5000.00", clock.today().plusDays(10), 1, "Team", "5000.00"));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            pledge(provider, roundId, pledgeOf("1000.00", null, null)).statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("own scaling round"));
            refusedPledge(adopter, roundId, "commitPlanId", pledgeOf("1000.00", foreignPlan, supported), "not a plan of solution");
            refusedPledge(adopter, roundId, "commitOperatorId", pledgeOf("1000.00", planId, "gibt-es-nicht"), "no operator");
            refusedPledge(adopter, roundId, "commitOperatorId", pledgeOf("1000.00", planId, unsupported), "CIVIL_SOCIETY");
            refusedPledge(adopter, roundId, "commitOperatorId", pledgeOf("1000.00", planId, null), "operator");
            refusedPledge(adopter, roundId, "commitPlanId", pledgeOf("1000.00", null, supported), "plan");
            refusedPledge(adopter, roundId, "contribution", pledgeOf("0.00", null, null), "commits to a licence");
            refusedPledge(adopter, roundId, "contribution", pledgeOf(null, null, null), "commits to a licence");
            refusedPledge(adopter, roundId, "contribution", pledgeOf("-5.00", null, null), "negative");
            refusedPledge(adopter, roundId, "contribution", pledgeOf("10.005", null, null), "2 decimals");
            pledge(TestTokens.marketplaceAdmin(), roundId, pledgeOf("1000.00", null, null)).statusCode(403);
            pledge(TestTokens.token("ohne-kommune", Set.of("adopter"), Map.of()), roundId, pledgeOf("1000.00", null, null))
                    .statusCode(403).body("detail", containsString("municipality"));
            pledge(TestTokens.operator(supported), roundId, pledgeOf("1000.00", null, null)).statusCode(403);
            pledge(adopter, UUID.randomUUID().toString(), pledgeOf("1000.00", null, null)).statusCode(404);
            pledge(TestTokens.adopter(randomAgs()), roundId, pledgeOf("1000.00", null, null)).statusCode(422)
                    .body("detail", containsString("not registered"));
            given().auth().oauth2(adopter).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId).then().statusCode(404)
                    .contentType("application/problem+json");

            assertThat(read(null, roundId).get("participants").asInt()).isZero();
            assertThat(kafka.readFrom(from, Duration.ofSeconds(2), r -> false)).noneMatch(e -> roundId.equals(e.key()));

            // a retired plan takes no new licences, so no commitment either
            String newer = addPlan(provider, solutionId, flatPlan("350.00"));
            given().auth().oauth2(provider).when().post("/api/solutions/{id}/plans/{p}/retire", solutionId, planId).then().statusCode(200);
            refusedPledge(adopter, roundId, "commitPlanId", pledgeOf("1000.00", planId, supported), "retired");
            pledge(adopter, roundId, pledgeOf("1000.00", newer, supported)).statusCode(201);
        }
    }

    @Test
    void aDeprecatedSolutionsRoundTakesNoMorePledges() {
        String providerAgs = registeredMunicipality("Auslaufstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Auslaufmodell");
        String adopter = TestTokens.adopter(registeredMunicipality("Spätgeber"));
        String roundId = Rounds.open(provider, solutionId, request("5000.00", clock.today().plusDays(10), 1, "Team", "5000.00"));
        pledge(adopter, roundId, pledgeOf("1000.00", null, null)).statusCode(201);
        given().auth().oauth2(provider).when().post("/api/solutions/{id}/deprecate", solutionId).then().statusCode(200);

        pledge(adopter, roundId, pledgeOf("2000.00", null, null)).statusCode(409).body("solutionState", equalTo("DEPRECATED"));
        pledge(TestTokens.adopter(registeredMunicipality("Neugeber")), roundId, pledgeOf("2000.00", null, null)).statusCode(409);
        assertThat(read(null, roundId).get("pledgedTotal").toString()).isEqualTo("1000.00");
        // withdrawing stays possible until the close
        given().auth().oauth2(adopter).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId).then().statusCode(204);
    }

    @Test
    void anEarlyCloseNeedsTheTargetAndTheParticipants() {
        String providerAgs = registeredMunicipality("Frühstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Frühe Runde");
        String roundId = Rounds.open(provider, solutionId, request("3000.00", clock.today().plusDays(10), 2, "Team", "3000.00"));
        given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(409)
                .body("detail", containsString("3000.00 missing")).body("detail", containsString("0 of at least 2"));
        pledge(TestTokens.adopter(registeredMunicipality("Großgeber")), roundId, pledgeOf("3000.00", null, null)).statusCode(201);
        given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(409)
                .body("detail", containsString("1 of at least 2")).body("pledgedTotal", equalTo(3000.00f));
        given().auth().oauth2(TestTokens.marketplaceAdmin()).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(403);
        given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", UUID.randomUUID()).then().statusCode(404);
        assertThat(read(null, roundId).get("state").asText()).isEqualTo("OPEN");
    }

    private static io.restassured.response.ValidatableResponse open(String token, String solutionId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/solutions/{id}/scaling-rounds", solutionId).then();
    }

    private static void refusedOpening(String token, String solutionId, String field, Map<String, Object> body) {
        open(token, solutionId, body).statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem(field)).body("detail", containsString(field));
    }

    private static void refusedPledge(String token, String roundId, String field, Map<String, Object> body, String says) {
        List<String> messages = pledge(token, roundId, body).statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem(field)).extract().path("violations.message");
        assertThat(messages).as("messages for %s", field).anyMatch(m -> m.contains(says));
    }
}

package de.kommunalmarkt.catalog.round;

import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static de.kommunalmarkt.catalog.round.Rounds.events;
import static de.kommunalmarkt.catalog.round.Rounds.from;
import static de.kommunalmarkt.catalog.round.Rounds.hasType;
import static de.kommunalmarkt.catalog.round.Rounds.json;
import static de.kommunalmarkt.catalog.round.Rounds.pledge;
import static de.kommunalmarkt.catalog.round.Rounds.pledgeOf;
import static de.kommunalmarkt.catalog.round.Rounds.read;
import static de.kommunalmarkt.catalog.round.Rounds.request;
import static de.kommunalmarkt.catalog.round.Rounds.types;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.catalog.TestClock;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A scaling round from its opening to its provider's early close, through the REST API, with its events
 * on catalog.rounds; who sees which pledges; the solution view's summary of the round.
 */
@QuarkusTest
class ScalingRoundTest {

    @Inject
    TestClock clock;

    @Test
    void threeMunicipalitiesPledgeOneWithdrawsAndPledgesAgainTheProviderClosesEarlyAndTheRoundSucceeds() throws Exception {
        String providerAgs = registeredMunicipality("Rundenstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Skalierbare Parksensorik");
        String planId = Rounds.firstPlan(solutionId);
        String operatorId = Rounds.operator("REGIONAL_IT_PROVIDER");
        String a = registeredMunicipality("Geberstadt A");
        String b = registeredMunicipality("Geberstadt B");
        String c = registeredMunicipality("Geberstadt C");
        LocalDate closesOn = clock.today().plusDays(30);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            String opened = given().auth().oauth2(provider).contentType("application/json")
                    .body(request("100000.00", closesOn, 3, "Weiterentwicklung", "60000.00", "Cloud-Infrastruktur", "40000"))
                    .when().post("/api/solutions/{id}/scaling-rounds", solutionId)
                    .then().statusCode(201).header("Location", containsString("/api/scaling-rounds/"))
                    .extract().asString();
            JsonNode round = json(opened);
            String roundId = round.get("id").asText();
            assertThat(round.get("state").asText()).isEqualTo("OPEN");
            assertThat(round.get("solutionId").asText()).isEqualTo(solutionId);
            assertThat(round.get("solutionName").asText()).isEqualTo("Skalierbare Parksensorik");
            assertThat(round.get("providerAgs").asText()).isEqualTo(providerAgs);
            assertThat(round.get("target").toString()).isEqualTo("100000.00");
            assertThat(round.get("pledgedTotal").toString()).isEqualTo("0.00");
            assertThat(round.get("purposes").get(1).get("amount").toString()).isEqualTo("40000.00");
            assertThat(round.get("participants").asInt()).isZero();
            assertThat(round.get("minParticipants").asInt()).isEqualTo(3);
            assertThat(round.get("closesOn").asText()).isEqualTo(closesOn.toString());
            assertThat(round.get("daysLeft").asInt()).isEqualTo(30);
            assertThat(round.get("vatCategory").asText()).isEqualTo("S");
            assertThat(round.get("vatRate").toString()).isEqualTo("0.19");
            assertThat(round.get("closedEarly").asBoolean()).isFalse();
            assertThat(round.has("closedAt")).isFalse();
            assertThat(round.has("vatExemptionReason")).isFalse();
            assertThat(round.get("pledges")).isEmpty();

            pledge(TestTokens.adopter(a), roundId, pledgeOf("50000.00", null, null)).statusCode(201)
                    .header("Location", endsWith("/api/scaling-rounds/" + roundId));
            pledge(TestTokens.adopter(b), roundId, pledgeOf("30000", planId, operatorId)).statusCode(201);
            pledge(TestTokens.adopter(c), roundId, pledgeOf("10000.00", null, null)).statusCode(201);
            // 90,000 of 100,000: an early close would fail, so it is refused
            given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("10000.00 missing"))
                    .body("participants", equalTo(3));
            given().auth().oauth2(TestTokens.adopter(b)).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId)
                    .then().statusCode(204);
            JsonNode again = json(pledge(TestTokens.adopter(b), roundId, pledgeOf("40000.00", planId, operatorId)).statusCode(201)
                    .extract().asString());
            assertThat(again.get("myPledge").get("contribution").toString()).isEqualTo("40000.00");
            assertThat(again.get("myPledge").get("commitPlanId").asText()).isEqualTo(planId);
            assertThat(again.get("myPledge").get("commitOperatorId").asText()).isEqualTo(operatorId);
            assertThat(again.has("pledges")).isFalse();
            // a second pledge of A replaces its first
            JsonNode replaced = json(pledge(TestTokens.adopter(a), roundId, pledgeOf("50000.00", null, null)).statusCode(200)
                    .extract().asString());
            assertThat(replaced.get("pledgedTotal").toString()).isEqualTo("100000.00");
            assertThat(replaced.get("participants").asInt()).isEqualTo(3);

            // nobody but the provider closes it
            given().auth().oauth2(TestTokens.adopter(c)).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(403);
            given().auth().oauth2(TestTokens.provider(c)).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(403)
                    .contentType("application/problem+json");
            given().when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(401);

            JsonNode closed = json(given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId)
                    .then().statusCode(200).extract().asString());
            assertThat(closed.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(closed.get("closedEarly").asBoolean()).isTrue();
            assertThat(closed.get("daysLeft").asInt()).isZero();
            assertThat(closed.has("closedAt")).isTrue();
            assertThat(closed.get("pledges")).hasSize(3);

            // closed: no pledge slips in, none is withdrawn, it closes once
            pledge(TestTokens.adopter(registeredMunicipality("Nachzügler")), roundId, pledgeOf("500.00", null, null)).statusCode(409)
                    .body("currentState", equalTo("SUCCEEDED"));
            given().auth().oauth2(TestTokens.adopter(c)).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId)
                    .then().statusCode(409);
            given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(409);

            List<KafkaEvents.Received> events = events(kafka, from, roundId, hasType("ScalingRoundClosed"));
            assertThat(types(events)).containsExactly("ScalingRoundOpened", "PledgeMade", "PledgeMade", "PledgeMade",
                    "PledgeWithdrawn", "PledgeMade", "PledgeMade", "ScalingRoundClosed");
            assertThat(events.stream().map(e -> Rounds.json(e.value()).path("municipalityAgs").asText()).toList())
                    .containsExactly("", a, b, c, b, b, a, "");
            JsonNode event = json(events.get(events.size() - 1).value());
            assertThat(event.get("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(event.get("closedEarly").asBoolean()).isTrue();
            assertThat(event.get("pledgedTotal").decimalValue()).isEqualByComparingTo("100000.00");
            assertThat(event.get("participants").asInt()).isEqualTo(3);
            assertThat(event.get("solutionName").asText()).isEqualTo("Skalierbare Parksensorik");
            List<String> standing = new ArrayList<>();
            event.get("pledges").forEach(p -> standing.add(p.get("municipalityAgs").asText() + " "
                    + p.get("contribution").decimalValue().setScale(2) + " " + p.path("commitPlanId").asText("-") + " "
                    + p.path("commitOperatorId").asText("-")));
            assertThat(standing).containsExactlyInAnyOrder(a + " 50000.00 - -", b + " 40000.00 " + planId + " " + operatorId,
                    c + " 10000.00 - -");
        }
    }

    @Test
    void anonymousSeesTotalsAnAdopterItsOwnPledgeTheProviderAndAdminsEveryPledge() {
        String providerAgs = registeredMunicipality("Sichtstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Sichtbare Runde");
        String planId = Rounds.firstPlan(solutionId);
        String operatorId = Rounds.operator("SELF_OPERATED");
        String a = registeredMunicipality("Sichtgeber A");
        String b = registeredMunicipality("Sichtgeber B");
        String roundId = Rounds.open(provider, solutionId, request("20000.00", clock.today().plusDays(14), 2, "Team", "20000.00"));
        pledge(TestTokens.adopter(a), roundId, pledgeOf("1500.50", planId, operatorId)).statusCode(201);
        pledge(TestTokens.adopter(b), roundId, pledgeOf("2500", null, null)).statusCode(201);

        JsonNode anonymous = read(null, roundId);
        assertThat(anonymous.get("pledgedTotal").toString()).isEqualTo("4000.50");
        assertThat(anonymous.get("participants").asInt()).isEqualTo(2);
        assertThat(anonymous.has("pledges")).isFalse();
        assertThat(anonymous.has("myPledge")).isFalse();

        JsonNode ofA = read(TestTokens.adopter(a), roundId);
        assertThat(ofA.has("pledges")).isFalse();
        assertThat(ofA.get("myPledge").get("contribution").toString()).isEqualTo("1500.50");
        assertThat(ofA.get("myPledge").get("commitPlanId").asText()).isEqualTo(planId);
        assertThat(ofA.get("myPledge").has("pledgedAt")).isTrue();
        JsonNode ofB = read(TestTokens.adopter(b), roundId);
        assertThat(ofB.has("pledges")).isFalse();
        assertThat(ofB.get("myPledge").get("contribution").toString()).isEqualTo("2500.00");
        assertThat(ofB.get("myPledge").has("commitPlanId")).isFalse();
        JsonNode ofStranger = read(TestTokens.provider(registeredMunicipality("Fremdstadt")), roundId);
        assertThat(ofStranger.has("pledges")).isFalse();
        assertThat(ofStranger.has("myPledge")).isFalse();

        for (String privileged : List.of(provider, TestTokens.marketplaceAdmin())) {
            JsonNode all = read(privileged, roundId);
            assertThat(all.has("myPledge")).isFalse();
            assertThat(StreamSupport.stream(all.get("pledges").spliterator(), false)
                    .map(p -> p.get("municipalityAgs").asText() + " " + p.get("municipalityName").asText() + " " + p.get("contribution")))
                    .containsExactlyInAnyOrder(a + " Sichtgeber A 1500.50", b + " Sichtgeber B 2500.00");
        }

        // the list follows the same rules
        JsonNode list = json(given().queryParam("solutionId", solutionId).when().get("/api/scaling-rounds")
                .then().statusCode(200).body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(20))
                .extract().asString());
        assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(roundId);
        assertThat(list.get("items").get(0).has("pledges")).isFalse();
        given().auth().oauth2(TestTokens.adopter(a)).queryParam("solutionId", solutionId).when().get("/api/scaling-rounds")
                .then().statusCode(200).body("items[0].myPledge.contribution", equalTo(1500.50f))
                .body("items[0].pledges", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(provider).queryParam("solutionId", solutionId).queryParam("state", "OPEN").when().get("/api/scaling-rounds")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].pledges.size()", equalTo(2));
        given().queryParam("solutionId", solutionId).queryParam("state", "SUCCEEDED").when().get("/api/scaling-rounds")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("state", "open").when().get("/api/scaling-rounds").then().statusCode(400)
                .body("violations[0].field", equalTo("state"));
        given().queryParam("solutionId", "nope").when().get("/api/scaling-rounds").then().statusCode(400)
                .body("violations[0].field", equalTo("solutionId"));
        given().when().get("/api/scaling-rounds/{id}", java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theSolutionViewShowsItsCurrentRound() {
        String providerAgs = registeredMunicipality("Ansichtstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Runde in der Ansicht");
        assertThat(json(given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).extract().asString())
                .has("scalingRound")).isFalse();

        LocalDate closesOn = clock.today().plusDays(45);
        String roundId = Rounds.open(provider, solutionId, request("8000.00", closesOn, 1, "Marketing", "8000.00"));
        String a = registeredMunicipality("Ansichtgeber");
        pledge(TestTokens.adopter(a), roundId, pledgeOf("8000.00", null, null)).statusCode(201);

        for (String token : new String[] {null, provider}) {
            var request = token == null ? given() : given().auth().oauth2(token);
            JsonNode view = json(request.when().get("/api/solutions/{id}", solutionId).then().statusCode(200).extract().asString());
            JsonNode summary = view.get("scalingRound");
            assertThat(fieldNames(summary)).containsExactlyInAnyOrder("id", "state", "target", "pledgedTotal", "participants",
                    "minParticipants", "closesOn", "daysLeft");
            assertThat(summary.get("id").asText()).isEqualTo(roundId);
            assertThat(summary.get("state").asText()).isEqualTo("OPEN");
            assertThat(summary.get("target").toString()).isEqualTo("8000.00");
            assertThat(summary.get("pledgedTotal").toString()).isEqualTo("8000.00");
            assertThat(summary.get("participants").asInt()).isEqualTo(1);
            assertThat(summary.get("minParticipants").asInt()).isEqualTo(1);
            assertThat(summary.get("closesOn").asText()).isEqualTo(closesOn.toString());
            assertThat(summary.get("daysLeft").asInt()).isEqualTo(45);
        }

        given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId).then().statusCode(200);
        given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200)
                .body("scalingRound.state", equalTo("SUCCEEDED")).body("scalingRound.daysLeft", equalTo(0));

        // a new round is the current one while open
        String next = Rounds.open(provider, solutionId, request("500.00", closesOn, 1, "Schulung", "500.00"));
        given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200)
                .body("scalingRound.id", equalTo(next)).body("scalingRound.state", equalTo("OPEN"))
                .body("scalingRound.pledgedTotal", equalTo(0.0f));
    }

    @Test
    void aPledgeRacingTheEarlyCloseIsEitherInTheClosedEventOrRefused() throws Exception {
        String providerAgs = registeredMunicipality("Wettlaufstadt");
        String provider = TestTokens.provider(providerAgs);
        String solutionId = publishedSolution(providerAgs, "Wettlauf");
        String first = registeredMunicipality("Erstgeber");
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(registeredMunicipality("Wettgeber " + i));
        }
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            String roundId = Rounds.open(provider, solutionId, request("1000.00", clock.today().plusDays(9), 1, "Team", "1000.00"));
            pledge(TestTokens.adopter(first), roundId, pledgeOf("1000.00", null, null)).statusCode(201);

            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers.size() + 1);
            Map<String, java.util.concurrent.Future<Integer>> pledged = new java.util.LinkedHashMap<>();
            java.util.concurrent.Future<Integer> close;
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                for (String ags : racers) {
                    pledged.put(ags, pool.submit(() -> {
                        start.await();
                        return pledge(TestTokens.adopter(ags), roundId, pledgeOf("100.00", null, null)).extract().statusCode();
                    }));
                }
                close = pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(provider).when().post("/api/scaling-rounds/{id}/close", roundId)
                            .then().extract().statusCode();
                });
                start.countDown();
                assertThat(close.get()).isEqualTo(200);
            } finally {
                pool.shutdown();
            }
            Set<String> accepted = new java.util.HashSet<>(Set.of(first));
            for (var entry : pledged.entrySet()) {
                int status = entry.getValue().get();
                assertThat(status).as(entry.getKey()).isIn(201, 409);
                if (status == 201) {
                    accepted.add(entry.getKey());
                }
            }
            List<KafkaEvents.Received> events = events(kafka, from, roundId, hasType("ScalingRoundClosed"));
            JsonNode closed = json(events.get(events.size() - 1).value());
            Set<String> inEvent = new java.util.HashSet<>();
            closed.get("pledges").forEach(p -> inEvent.add(p.get("municipalityAgs").asText()));
            assertThat(inEvent).isEqualTo(accepted);
            assertThat(closed.get("participants").asInt()).isEqualTo(accepted.size());
            assertThat(read(provider, roundId).get("participants").asInt()).isEqualTo(accepted.size());
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

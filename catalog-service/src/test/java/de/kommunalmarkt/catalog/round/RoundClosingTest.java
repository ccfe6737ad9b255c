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
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.catalog.TestClock;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled close ({@link RoundClosing}) with the clock moved past a round's date: the outcome by
 * the one rule, the event once — also when the job runs again or on two instances at once.
 */
@QuarkusTest
class RoundClosingTest {

    @Inject
    TestClock clock;

    @Inject
    RoundClosing closing;

    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRoundThatMissesItsParticipantsFailsAtItsDateAndTheJobClosesItOnce() throws Exception {
        String providerAgs = registeredMunicipality("Fristenstadt");
        String solutionId = publishedSolution(providerAgs, "Runde mit Frist");
        LocalDate today = clock.today();
        LocalDate closesOn = today.plusDays(10);
        String a = registeredMunicipality("Einzelgeber");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            String roundId = Rounds.open(TestTokens.provider(providerAgs), solutionId,
                    request("50000.00", closesOn, 2, "Weiterentwicklung", "50000.00"));
            // the whole target from one municipality, but two must take part
            pledge(TestTokens.adopter(a), roundId, pledgeOf("50000.00", null, null)).statusCode(201);

            closing.closeDueRounds();
            assertThat(read(null, roundId).get("state").asText()).isEqualTo("OPEN");
            given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).body("scalingRound.daysLeft", equalTo(10));

            clock.moveTo(closesOn);
            // the rendered solution view counts the days anew on a new day
            given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).body("scalingRound.daysLeft", equalTo(0));
            closing.closeDueRounds();
            JsonNode lastDay = read(null, roundId);
            assertThat(lastDay.get("state").asText()).isEqualTo("OPEN");
            assertThat(lastDay.get("daysLeft").asInt()).isZero();
            pledge(TestTokens.adopter(a), roundId, pledgeOf("49000.00", null, null)).statusCode(200);

            clock.moveTo(closesOn.plusDays(1));
            // its date has passed: no pledge is taken, even before the job has run
            pledge(TestTokens.adopter(registeredMunicipality("Zu spät")), roundId, pledgeOf("1000.00", null, null)).statusCode(409)
                    .body("currentState", equalTo("OPEN")).body("closesOn", equalTo(closesOn.toString()));
            given().auth().oauth2(TestTokens.adopter(a)).when().delete("/api/scaling-rounds/{id}/pledges/mine", roundId)
                    .then().statusCode(409);
            given().auth().oauth2(TestTokens.provider(providerAgs)).when().post("/api/scaling-rounds/{id}/close", roundId)
                    .then().statusCode(409);

            assertThat(closing.closeDueRounds()).isGreaterThanOrEqualTo(1);
            JsonNode closed = read(null, roundId);
            assertThat(closed.get("state").asText()).isEqualTo("FAILED");
            assertThat(closed.get("closedEarly").asBoolean()).isFalse();
            assertThat(closed.get("daysLeft").asInt()).isZero();
            given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).body("scalingRound.state", equalTo("FAILED"));

            List<KafkaEvents.Received> events = events(kafka, from, roundId, hasType("ScalingRoundClosed"));
            JsonNode event = json(events.get(events.size() - 1).value());
            assertThat(event.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(event.get("closedEarly").asBoolean()).isFalse();
            assertThat(event.get("participants").asInt()).isEqualTo(1);
            assertThat(event.get("pledgedTotal").decimalValue()).isEqualByComparingTo("49000.00");
            assertThat(event.get("pledges")).isEmpty();

            // again, and on two instances at once: nothing more
            closing.closeDueRounds();
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Callable<Integer> run = closing::closeDueRounds;
                List<Future<Integer>> runs = two.invokeAll(List.of(run, run));
                for (Future<Integer> r : runs) {
                    r.get();
                }
            } finally {
                two.shutdown();
            }
            List<KafkaEvents.Received> after = events(kafka, from, roundId, r -> false, Duration.ofSeconds(3));
            assertThat(types(after)).containsExactly("ScalingRoundOpened", "PledgeMade", "PledgeMade", "ScalingRoundClosed");
        }
    }

    @Test
    void aRoundThatReachesItsTargetSucceedsAtItsDate() throws Exception {
        String providerAgs = registeredMunicipality("Erfolgsstadt");
        String solutionId = publishedSolution(providerAgs, "Erfolgreiche Runde");
        String planId = Rounds.firstPlan(solutionId);
        String operatorId = Rounds.operator("REGIONAL_IT_PROVIDER");
        LocalDate closesOn = clock.today().plusDays(5);
        String a = registeredMunicipality("Erfolgsgeber A");
        String b = registeredMunicipality("Erfolgsgeber B");
        String c = registeredMunicipality("Erfolgsgeber C");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = from(kafka);
            String roundId = Rounds.open(TestTokens.provider(providerAgs), solutionId,
                    request("20000.00", closesOn, 2, "Team", "12000.00", "Marketing", "8000.00"));
            pledge(TestTokens.adopter(a), roundId, pledgeOf("12000.00", null, null)).statusCode(201);
            pledge(TestTokens.adopter(b), roundId, pledgeOf("8000.00", planId, operatorId)).statusCode(201);
            // a commitment without money counts as participation, not towards the target
            pledge(TestTokens.adopter(c), roundId, pledgeOf(null, planId, operatorId)).statusCode(201);

            clock.moveTo(closesOn.plusDays(1));
            assertThat(closing.closeDueRounds()).isGreaterThanOrEqualTo(1);
            JsonNode closed = read(TestTokens.provider(providerAgs), roundId);
            assertThat(closed.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(closed.get("closedEarly").asBoolean()).isFalse();
            assertThat(closed.get("pledges")).hasSize(3);

            List<KafkaEvents.Received> events = events(kafka, from, roundId, hasType("ScalingRoundClosed"));
            JsonNode event = json(events.get(events.size() - 1).value());
            assertThat(event.get("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(event.get("participants").asInt()).isEqualTo(3);
            assertThat(event.get("pledgedTotal").decimalValue()).isEqualByComparingTo("20000.00");
            assertThat(event.get("pledges")).hasSize(3);
            JsonNode commitmentOnly = null;
            for (JsonNode p : event.get("pledges")) {
                if (p.get("municipalityAgs").asText().equals(c)) {
                    commitmentOnly = p;
                }
            }
            assertThat(commitmentOnly).isNotNull();
            assertThat(commitmentOnly.get("contribution").decimalValue()).isEqualByComparingTo("0");
            assertThat(commitmentOnly.get("commitPlanId").asText()).isEqualTo(planId);
            assertThat(commitmentOnly.get("commitOperatorId").asText()).isEqualTo(operatorId);
        }
        assertThat(closedEvents(UUID.fromString(solutionId))).isEqualTo(1);
    }

    /** The ScalingRoundClosed rows in the outbox for the solution's rounds. */
    private long closedEvents(UUID solutionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event o join scaling_round r on o.record_key = r.id::text"
                        + " where r.solution_id = ?1 and o.event_type = 'ScalingRoundClosed'")
                .setParameter(1, solutionId).getSingleResult()).longValue());
    }
}

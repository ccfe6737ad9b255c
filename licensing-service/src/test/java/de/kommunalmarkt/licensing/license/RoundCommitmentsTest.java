package de.kommunalmarkt.licensing.license;

import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PledgeMade;
import de.kommunalmarkt.events.PledgeWithdrawn;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.RoundPledge;
import de.kommunalmarkt.events.RoundPurpose;
import de.kommunalmarkt.events.ScalingRoundClosed;
import de.kommunalmarkt.events.ScalingRoundOpened;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.licensing.Parallel;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestMailbox;
import de.kommunalmarkt.testsupport.TestMailbox.ReceivedMail;
import de.kommunalmarkt.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The commitments of a scaling round that succeeded become licences ({@code catalog.rounds},
 * ScalingRoundClosed): granted at once whatever the solution's approval policy, under every other rule of
 * a licence request; a refused one is recorded as a request rejected at once with the reason; exactly once
 * per round and municipality, also for a redelivered or replayed close and for two instances at once.
 */
@QuarkusTest
class RoundCommitmentsTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);
    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @Inject
    IdempotentConsumer inbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void commitmentsOfASucceededRoundAreGrantedAtOnceUnderAutoAndManualApproval() throws Exception {
        String provider = CatalogEvents.ags();
        CatalogEvents.registerMunicipality(provider, "Ulm");
        TestSolution manual = CatalogEvents.publishSolution(provider, ApprovalPolicy.MANUAL, REGIONAL);
        TestSolution auto = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        String autoOperator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopterA = CatalogEvents.ags();
        String adopterB = CatalogEvents.ags();
        String contributorOnly = CatalogEvents.ags();
        String adopterC = CatalogEvents.ags();
        CatalogEvents.registerMunicipality(adopterA, "Bamberg");
        String manualRound = UUID.randomUUID().toString();
        String autoRound = UUID.randomUUID().toString();

        try (KafkaEvents kafka = new KafkaEvents()) {
            var licencesFrom = kafka.endOffsets(Topics.LICENSING_LICENSES);
            var deploymentsFrom = kafka.endOffsets(Topics.LICENSING_DEPLOYMENTS);
            Instant pledged = Instant.now().minusSeconds(3600);
            ScalingRoundClosed manualClose = succeeded(manualRound, manual,
                    commitment(adopterA, manual.planId(), operator, pledged),
                    commitment(adopterB, manual.planId(), operator, pledged.plusSeconds(60)),
                    contribution(contributorOnly));
            assertThat(EventSchemas.validate(EventType.SCALING_ROUND_CLOSED, CatalogEvents.JSON.valueToTree(manualClose))).isEmpty();
            CatalogEvents.send(manualClose);
            CatalogEvents.send(succeeded(autoRound, auto, commitment(adopterC, auto.planId(), autoOperator, pledged)));
            awaitLicences(manualRound, 2);
            awaitLicences(autoRound, 1);

            // granted at once, the round's success being the provider's approval; the operator's capacity of 1
            // queues the later pledge's deployment as usual
            String idA = roundLicence(adopterA, manual.id())
                    .body("state", equalTo("GRANTED")).body("scalingRoundId", equalTo(manualRound))
                    .body("approvalPolicy", equalTo("MANUAL")).body("grantedAt", notNullValue())
                    .body("terms.planId", equalTo(manual.planId())).body("adopterName", equalTo("Bamberg"))
                    .body("history.action", contains("REQUEST", "APPROVE"))
                    .body("history.by", contains("scaling-round-" + manualRound, "scaling-round-" + manualRound))
                    .body("deployment.state", equalTo("REQUESTED")).body("deployment.operatorId", equalTo(operator))
                    .extract().path("id");
            String idB = roundLicence(adopterB, manual.id()).body("state", equalTo("GRANTED"))
                    .body("deployment.state", equalTo("QUEUED")).extract().path("id");
            String idC = roundLicence(adopterC, auto.id()).body("state", equalTo("GRANTED"))
                    .body("scalingRoundId", equalTo(autoRound)).body("approvalPolicy", equalTo("AUTO"))
                    .body("history.by", contains("scaling-round-" + autoRound, "scaling-round-" + autoRound))
                    .body("deployment.state", equalTo("REQUESTED")).extract().path("id");
            // a pledge without a commitment makes no licence
            get(TestTokens.adopter(contributorOnly), "/api/licenses").body("total", equalTo(0));
            // the provider sees them among its solution's licences; an ordinary request carries no round
            get(TestTokens.provider(provider), "/api/licenses?solutionId=" + manual.id()).body("total", equalTo(2))
                    .body("items.scalingRoundId", contains(manualRound, manualRound));
            String ordinary = requestLicence(TestTokens.adopter(CatalogEvents.ags()), auto.id(), auto.planId(), autoOperator)
                    .statusCode(201).body("scalingRoundId", nullValue()).extract().path("id");
            get(TestTokens.marketplaceAdmin(), "/api/licenses/" + ordinary).body("scalingRoundId", nullValue());

            // LicenseRequested and LicenseGranted of each, DeploymentRequested for the one with a slot
            var licenceEvents = kafka.readFrom(licencesFrom, ARRIVAL, r -> r.stream()
                    .filter(e -> List.of(idA, idB, idC).contains(e.key()) && "LicenseGranted".equals(e.header("ce_type"))).count() == 3);
            for (String id : List.of(idA, idB, idC)) {
                assertThat(licenceEvents.stream().filter(e -> id.equals(e.key())).map(e -> e.header("ce_type")))
                        .containsExactly("LicenseRequested", "LicenseGranted");
            }
            JsonNode granted = CatalogEvents.JSON.readTree(licenceEvents.stream()
                    .filter(e -> idA.equals(e.key()) && "LicenseGranted".equals(e.header("ce_type"))).findFirst().orElseThrow().value());
            assertThat(EventSchemas.validate(EventType.LICENSE_GRANTED, granted)).isEmpty();
            assertThat(granted.get("adopterAgs").asText()).isEqualTo(adopterA);
            assertThat(granted.get("operatorId").asText()).isEqualTo(operator);
            var deploymentEvents = kafka.readFrom(deploymentsFrom, ARRIVAL,
                    r -> r.stream().anyMatch(e -> idA.equals(e.key())) && r.stream().anyMatch(e -> idC.equals(e.key())));
            for (String id : List.of(idA, idC)) {
                KafkaEvents.Received requested = deploymentEvents.stream().filter(e -> id.equals(e.key())).findFirst().orElseThrow();
                assertThat(requested.header("ce_type")).isEqualTo("DeploymentRequested");
                assertThat(EventSchemas.validate(EventType.DEPLOYMENT_REQUESTED, CatalogEvents.JSON.readTree(requested.value())))
                        .isEmpty();
            }
            assertThat(deploymentEvents.stream().filter(e -> idB.equals(e.key()))).as("B's deployment waits in the queue").isEmpty();
        }

        // the adopter is told of the grant; the provider of the MANUAL solution is asked for nothing
        TestMailbox.awaitAny(m -> m.isTo("it@" + adopterA + ".example") && m.subject().contains("wurde erteilt"), ARRIVAL);
        assertThat(TestMailbox.settled(m -> m.isTo("it@" + provider + ".example"), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aCloseDeliveredAgainReplayedOrConsumedByTwoInstancesAtOnceRecordsEachCommitmentOnce() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopterA = CatalogEvents.ags();
        String adopterB = CatalogEvents.ags();
        String round = UUID.randomUUID().toString();
        // one commitment granted, one refused: neither is recorded twice
        ScalingRoundClosed close = succeeded(round, solution, commitment(adopterA, solution.planId(), operator, Instant.now()),
                commitment(adopterB, solution.planId(), "kein-betreiber", Instant.now()));

        UUID ceId = UUID.randomUUID();
        CatalogEvents.send(close, ceId);
        CatalogEvents.send(close, ceId);
        UUID replayed = CatalogEvents.send(close);
        // same key, same partition: once the replay is applied, so are the two before it
        CatalogEvents.awaitRow("select count(*) from processed_event where consumer = 'licensing-round-commitments' and event_id = ?1",
                replayed);
        assertRecordedOnce(round, adopterA, LicenseState.GRANTED);
        assertRecordedOnce(round, adopterB, LicenseState.REJECTED);

        // two instances applying the close (each with its own ce_id) at the same moment
        String concurrentRound = UUID.randomUUID().toString();
        List<String> adopters = List.of(CatalogEvents.ags(), CatalogEvents.ags(), CatalogEvents.ags());
        ScalingRoundClosed concurrentClose = succeeded(concurrentRound, solution,
                adopters.stream().map(ags -> commitment(ags, solution.planId(), operator, Instant.now())).toArray(RoundPledge[]::new));
        String payload = CatalogEvents.JSON.writeValueAsString(concurrentClose);
        List<Boolean> applied = Parallel.run(4, i -> inbox.apply(RoundCommitments.CONSUMER, record(concurrentRound, payload)));
        assertThat(applied).containsOnly(true);
        for (String adopter : adopters) {
            assertRecordedOnce(concurrentRound, adopter, LicenseState.GRANTED);
        }
        assertThat(CatalogEvents.count("select count(*) from license where scaling_round_id = ?1", UUID.fromString(concurrentRound)))
                .isEqualTo(3);
    }

    @Test
    void aCommitmentThatLosesTheRaceToTheMunicipalitysOwnRequestIsRecordedAsRefused() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 50);
        String adopter = CatalogEvents.ags();
        String other = CatalogEvents.ags();
        String round = UUID.randomUUID().toString();
        String payload = CatalogEvents.JSON.writeValueAsString(succeeded(round, solution,
                commitment(adopter, solution.planId(), operator, Instant.now()),
                commitment(other, solution.planId(), operator, Instant.now())));
        UUID own = UUID.randomUUID();

        // the municipality's own request (another instance's transaction) holds its open licence, not yet committed,
        // while the close is applied: the commitment's licence waits for it on the one-open-licence index
        ExecutorService close = Executors.newSingleThreadExecutor();
        try (Connection request = dataSource.getConnection()) {
            request.setAutoCommit(false);
            try (PreparedStatement insert = request.prepareStatement("insert into license (id, state, solution_id, solution_name,"
                    + " hosting_modes, plan_id, operator_id, adopter_ags, provider_ags, approval_policy, terms, requested_at)"
                    + " values (?, 'REQUESTED', ?, 'Mängelmelder', 'CLOUD', ?, ?, ?, ?, 'AUTO',"
                    + " (select terms from catalog_plan where id = ?), now())")) {
                insert.setObject(1, own);
                insert.setString(2, solution.id());
                insert.setString(3, solution.planId());
                insert.setString(4, operator);
                insert.setString(5, adopter);
                insert.setString(6, solution.providerAgs());
                insert.setString(7, solution.planId());
                insert.executeUpdate();
            }
            Future<Boolean> applied = close.submit(() -> inbox.apply(RoundCommitments.CONSUMER, record(round, payload)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> CatalogEvents.count(
                    "select count(*) from pg_locks where not granted and locktype = 'transactionid' and ?1 = 1", 1) > 0);
            request.commit();
            assertThat(applied.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            close.shutdownNow();
        }

        // asked again after the 409, the rules see the request that won and refuse the commitment visibly
        roundLicence(adopter, solution.id()).body("state", equalTo("REJECTED"))
                .body("rejectionReason", containsString("licence " + own + ", REQUESTED"));
        assertThat(CatalogEvents.count("select count(*) from license where adopter_ags = ?1 and state <> 'REJECTED'", adopter))
                .isEqualTo(1);
        roundLicence(other, solution.id()).body("state", equalTo("GRANTED"));
    }

    @Test
    void aCommitmentOfAMunicipalityThatHoldsALicenceOfTheSolutionIsRecordedAsARejectedRequest() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = CatalogEvents.ags();
        CatalogEvents.registerMunicipality(adopter, "Fürth");
        String adopterToken = TestTokens.adopter(adopter);
        String held = requestLicence(adopterToken, solution.id(), solution.planId(), operator).statusCode(201)
                .body("state", equalTo("GRANTED")).extract().path("id");
        String round = UUID.randomUUID().toString();

        try (KafkaEvents kafka = new KafkaEvents()) {
            var licencesFrom = kafka.endOffsets(Topics.LICENSING_LICENSES);
            CatalogEvents.send(succeeded(round, solution, commitment(adopter, solution.planId(), operator, Instant.now())));
            awaitLicences(round, 1);

            String refused = roundLicence(adopter, solution.id())
                    .body("state", equalTo("REJECTED")).body("scalingRoundId", equalTo(round))
                    .body("rejectedAt", notNullValue()).body("grantedAt", nullValue()).body("deployment", nullValue())
                    .body("rejectionReason", containsString("already holds a licence of solution " + solution.id()))
                    .body("rejectionReason", containsString("licence " + held + ", GRANTED"))
                    .body("terms.planId", equalTo(solution.planId()))
                    .body("history.action", contains("REQUEST", "REJECT"))
                    .body("history[1].from", equalTo("REQUESTED")).body("history[1].to", equalTo("REJECTED"))
                    .body("history[1].by", equalTo("scaling-round-" + round))
                    .extract().path("id");
            // the licence held before is untouched; both are in the adopter's and the provider's lists
            get(adopterToken, "/api/licenses/" + held).body("state", equalTo("GRANTED")).body("history.action", contains("REQUEST", "APPROVE"));
            get(adopterToken, "/api/licenses?solutionId=" + solution.id()).body("total", equalTo(2));
            get(TestTokens.provider(solution.providerAgs()), "/api/licenses?state=REJECTED&solutionId=" + solution.id())
                    .body("items.id", contains(refused));

            var events = kafka.readFrom(licencesFrom, ARRIVAL, r -> r.stream().anyMatch(e -> refused.equals(e.key())
                    && "LicenseRejected".equals(e.header("ce_type"))));
            assertThat(events.stream().filter(e -> refused.equals(e.key())).map(e -> e.header("ce_type")))
                    .containsExactly("LicenseRequested", "LicenseRejected");
            JsonNode rejected = CatalogEvents.JSON.readTree(events.stream()
                    .filter(e -> refused.equals(e.key()) && "LicenseRejected".equals(e.header("ce_type"))).findFirst().orElseThrow().value());
            assertThat(EventSchemas.validate(EventType.LICENSE_REJECTED, rejected)).isEmpty();
            assertThat(rejected.get("adopterAgs").asText()).isEqualTo(adopter);
            assertThat(rejected.get("providerAgs").asText()).isEqualTo(solution.providerAgs());
            assertThat(rejected.get("reason").asText()).contains("already holds a licence", held);

            // the adopter is told, as of any rejection, that its commitment did not become a licence and why
            ReceivedMail mail = TestMailbox.awaitAny(m -> m.isTo("it@" + adopter + ".example")
                    && m.subject().contains("wurde abgelehnt"), ARRIVAL).get(0);
            assertThat(mail.text()).contains("Ihre Zusage in der Skalierungsrunde", "Begründung: Your municipality already holds",
                    "Lizenz: " + refused);
        }
    }

    @Test
    void aFailedRoundAPledgeWithoutCommitmentAndTheRoundsOtherEventsCreateNothing() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = CatalogEvents.ags();
        String round = UUID.randomUUID().toString();
        Instant now = Instant.now();

        List<UUID> sent = List.of(
                CatalogEvents.send(new ScalingRoundOpened(round, solution.id(), "Mängelmelder", solution.providerAgs(),
                        List.of(new RoundPurpose("Mandantenfähigkeit", new BigDecimal("10000"))), new BigDecimal("10000"), "EUR",
                        LocalDate.now().plusDays(30), 2, new BigDecimal("0.19"), "S", null, now)),
                CatalogEvents.send(new PledgeMade(round, solution.id(), adopter, BigDecimal.ZERO, solution.planId(), operator, now)),
                CatalogEvents.send(new PledgeWithdrawn(round, solution.id(), adopter, now)),
                // a FAILED close carries no pledges; even one that did would make no licence
                CatalogEvents.send(new ScalingRoundClosed(round, solution.id(), "Mängelmelder", solution.providerAgs(),
                        RoundOutcome.FAILED, false, new BigDecimal("10000"), new BigDecimal("500"), 1, 2, "EUR", new BigDecimal("0.19"),
                        "S", null, List.of(commitment(adopter, solution.planId(), operator, now)), now)),
                // a round that succeeded with only a contribution of the municipality
                CatalogEvents.send(succeeded(UUID.randomUUID().toString(), solution, contribution(adopter))));

        for (UUID id : sent) {
            CatalogEvents.awaitRow("select count(*) from processed_event where consumer = 'licensing-round-commitments' and event_id = ?1",
                    id);
        }
        assertThat(CatalogEvents.count("select count(*) from license where adopter_ags = ?1", adopter)).isZero();
        assertThat(CatalogEvents.count("select count(*) from dead_letter where topic = 'catalog.rounds' and record_key = ?1", round)).isZero();
        get(TestTokens.adopter(adopter), "/api/licenses").body("total", equalTo(0));
    }

    @Test
    void aCommitmentToAnUnknownOperatorAnotherSolutionsPlanOrAnUnknownSolutionIsRefusedVisiblyNotDeadLettered() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        TestSolution other = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String civil = CatalogEvents.registerOperator(OperatorType.CIVIL_SOCIETY, 5);
        String unknownOperator = CatalogEvents.operatorId();
        String noOperator = CatalogEvents.ags();
        String foreignPlan = CatalogEvents.ags();
        String wrongType = CatalogEvents.ags();
        String fine = CatalogEvents.ags();
        String round = UUID.randomUUID().toString();

        CatalogEvents.send(succeeded(round, solution,
                commitment(noOperator, solution.planId(), unknownOperator, Instant.now()),
                commitment(foreignPlan, other.planId(), operator, Instant.now()),
                commitment(wrongType, solution.planId(), civil, Instant.now()),
                commitment(fine, solution.planId(), operator, Instant.now())));
        awaitLicences(round, 4);

        roundLicence(noOperator, solution.id()).body("state", equalTo("REJECTED")).body("operatorId", equalTo(unknownOperator))
                .body("rejectionReason", equalTo("operatorId: licensing does not know operator " + unknownOperator))
                .body("terms.planId", equalTo(solution.planId()));
        roundLicence(foreignPlan, solution.id()).body("state", equalTo("REJECTED")).body("planId", equalTo(other.planId()))
                .body("rejectionReason", equalTo("planId: plan " + other.planId() + " is not a plan of solution " + solution.id()))
                .body("terms", nullValue());
        roundLicence(wrongType, solution.id()).body("state", equalTo("REJECTED"))
                .body("rejectionReason", containsString("operatorId: operator " + civil + " is CIVIL_SOCIETY"));
        roundLicence(fine, solution.id()).body("state", equalTo("GRANTED"));
        get(TestTokens.provider(solution.providerAgs()), "/api/licenses?state=REJECTED&solutionId=" + solution.id())
                .body("total", equalTo(3));

        // a round of a solution licensing does not know: refused with what the round says of the solution
        String unknownRound = UUID.randomUUID().toString();
        String unknownSolution = UUID.randomUUID().toString();
        String provider = CatalogEvents.ags();
        String adopter = CatalogEvents.ags();
        String plan = UUID.randomUUID().toString();
        CatalogEvents.send(new ScalingRoundClosed(unknownRound, unknownSolution, "Unbekannte Lösung", provider, RoundOutcome.SUCCEEDED,
                false, new BigDecimal("1000"), new BigDecimal("1000"), 1, 1, "EUR", new BigDecimal("0.19"), "S", null,
                List.of(commitment(adopter, plan, operator, Instant.now())), Instant.now()));
        awaitLicences(unknownRound, 1);
        roundLicence(adopter, unknownSolution).body("state", equalTo("REJECTED"))
                .body("solutionName", equalTo("Unbekannte Lösung")).body("providerAgs", equalTo(provider))
                .body("approvalPolicy", nullValue()).body("terms", nullValue())
                .body("rejectionReason", containsString("solutionId: licensing does not know solution " + unknownSolution));
        get(TestTokens.provider(provider), "/api/licenses").body("total", equalTo(1));

        assertThat(CatalogEvents.count("select count(*) from dead_letter where topic = 'catalog.rounds' and record_key = ?1", round)).isZero();
        assertThat(CatalogEvents.count("select count(*) from dead_letter where topic = 'catalog.rounds' and record_key = ?1", unknownRound))
                .isZero();
    }

    @Test
    void aCloseThatBreaksTheContractIsADeadLetter() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String adopter = CatalogEvents.ags();
        String round = UUID.randomUUID().toString();
        // a plan without an operator
        CatalogEvents.send(succeeded(round, solution, new RoundPledge(adopter, BigDecimal.ZERO, solution.planId(), null, Instant.now())));
        CatalogEvents.awaitRow("select count(*) from dead_letter where topic = 'catalog.rounds' and record_key = ?1", round);
        assertThat(CatalogEvents.count("select count(*) from license where adopter_ags = ?1", adopter)).isZero();
    }

    private static ScalingRoundClosed succeeded(String roundId, TestSolution solution, RoundPledge... pledges) {
        return new ScalingRoundClosed(roundId, solution.id(), "Mängelmelder", solution.providerAgs(), RoundOutcome.SUCCEEDED, false,
                new BigDecimal("10000"), new BigDecimal("12000"), pledges.length, 1, "EUR", new BigDecimal("0.19"), "S", null,
                List.of(pledges), Instant.now());
    }

    private static RoundPledge commitment(String ags, String planId, String operatorId, Instant pledgedAt) {
        return new RoundPledge(ags, new BigDecimal("1000"), planId, operatorId, pledgedAt);
    }

    private static RoundPledge contribution(String ags) {
        return new RoundPledge(ags, new BigDecimal("2500"), null, null, Instant.now());
    }

    private static void awaitLicences(String roundId, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                CatalogEvents.count("select count(*) from license where scaling_round_id = ?1", UUID.fromString(roundId)) >= count);
    }

    /** The adopter's one licence of the solution that came from a round, seen by the adopter. */
    private static io.restassured.response.ValidatableResponse roundLicence(String adopterAgs, String solutionId) {
        String token = TestTokens.adopter(adopterAgs);
        List<String> ids = get(token, "/api/licenses?solutionId=" + solutionId).statusCode(200).extract()
                .path("items.findAll { it.scalingRoundId != null }.id");
        assertThat(ids).as("licences of %s from a round", adopterAgs).hasSize(1);
        return get(token, "/api/licenses/" + ids.get(0)).statusCode(200);
    }

    private static void assertRecordedOnce(String roundId, String adopterAgs, LicenseState state) {
        String token = TestTokens.adopter(adopterAgs);
        get(token, "/api/licenses").body("total", equalTo(1)).body("items[0].state", equalTo(state.name()))
                .body("items[0].scalingRoundId", equalTo(roundId));
        String id = get(token, "/api/licenses").extract().path("items[0].id");
        assertThat(CatalogEvents.count("select count(*) from license_history where license_id = ?1", UUID.fromString(id))).isEqualTo(2);
        assertThat(CatalogEvents.count("select count(*) from outbox_event where record_key = ?1 and event_type in"
                + " ('LicenseGranted', 'LicenseRejected')", id)).isEqualTo(1);
    }

    /** The close as a record of catalog.rounds, with a ce_id of its own: what another instance would consume. */
    private static ConsumerRecord<String, String> record(String roundId, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.CATALOG_ROUNDS, 0, 0L, roundId, payload);
        Map<String, String> headers = CloudEventHeaders.of(UUID.randomUUID().toString(), "catalog-service",
                "ScalingRoundClosed", Instant.now().toString(), roundId);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}

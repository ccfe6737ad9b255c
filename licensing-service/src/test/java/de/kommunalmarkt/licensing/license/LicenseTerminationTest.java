package de.kommunalmarkt.licensing.license;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.complete;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.post;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.licensing.TestClock;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LicenseTerminationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Berlin"));
    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @Inject
    LicenseExpiry expiry;

    @Inject
    TestClock clock;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    record Active(String id, String adopterToken, TestSolution solution, String operator) {
    }

    /** A licence of a plan (12 months minimum term, 90 days notice), granted and gone live on {@code liveOn}. */
    Active activeSince(LocalDate liveOn) {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL, CatalogEvents.flatPlan(12, 90));
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = TestTokens.adopter(CatalogEvents.ags());
        clock.moveTo(liveOn);
        var granted = requestLicence(adopter, solution.id(), solution.planId(), operator).statusCode(201).extract();
        clock.reset();
        String deployment = granted.path("deployment.id");
        accept(TestTokens.operator(operator), deployment).statusCode(200);
        complete(TestTokens.operator(operator), deployment, liveOn).statusCode(200);
        return new Active(granted.path("id"), adopter, solution, operator);
    }

    @Test
    void theMinimumTermDecidesTheEarliestEndOfAFreshLicence() {
        Active licence = activeSince(TODAY);
        LocalDate earliest = TODAY.plusMonths(12).minusDays(1).with(TemporalAdjusters.lastDayOfMonth());
        String terminate = "/api/licenses/" + licence.id() + "/terminate";
        // the view tells the adopter the earliest end before it gives notice, as the rule will judge it
        get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("earliestEndsOn", equalTo(earliest.toString()));

        post(licence.adopterToken(), terminate, Map.of("endsOn", earliest.minusMonths(1).with(TemporalAdjusters.lastDayOfMonth()).toString()))
                .statusCode(422).contentType("application/problem+json")
                .body("earliestEndsOn", equalTo(earliest.toString())).body("violations.field", contains("endsOn"));
        post(licence.adopterToken(), terminate, Map.of("endsOn", earliest.plusMonths(1).withDayOfMonth(15).toString()))
                .statusCode(422).body("earliestEndsOn", equalTo(earliest.toString()));
        get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("endsOn", equalTo(null));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.LICENSING_LICENSES);
            post(licence.adopterToken(), terminate, Map.of("endsOn", earliest.toString())).statusCode(200)
                    .body("state", equalTo("ACTIVE")).body("endsOn", equalTo(earliest.toString()))
                    .body("noticeGivenOn", equalTo(TODAY.toString())).body("earliestEndsOn", equalTo(null));
            var events = kafka.readFrom(from, Duration.ofSeconds(15), r -> r.stream().anyMatch(e -> isTerminated(e, licence.id())));
            KafkaEvents.Received terminated = events.stream().filter(e -> isTerminated(e, licence.id())).findFirst().orElseThrow();
            assertThat(terminated.header("ce_subject")).isEqualTo(licence.id());
            assertThat(terminated.value()).contains("\"endsOn\":\"" + earliest + "\"").contains("\"requestedOn\":\"" + TODAY + "\"");
        }
        post(licence.adopterToken(), terminate, Map.of("endsOn", earliest.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth()).toString()))
                .statusCode(409).body("currentState", equalTo("ACTIVE")).body("endsOn", equalTo(earliest.toString()));
    }

    @Test
    void theNoticePeriodDecidesOnceTheMinimumTermIsOver() {
        Active licence = activeSince(TODAY.minusYears(2));
        LocalDate earliest = TODAY.plusDays(90).with(TemporalAdjusters.lastDayOfMonth());
        String terminate = "/api/licenses/" + licence.id() + "/terminate";
        get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("earliestEndsOn", equalTo(earliest.toString()));

        post(licence.adopterToken(), terminate, Map.of("endsOn", TODAY.with(TemporalAdjusters.lastDayOfMonth()).toString()))
                .statusCode(422).body("earliestEndsOn", equalTo(earliest.toString()));
        post(TestTokens.provider(licence.solution().providerAgs()), terminate, Map.of("endsOn", earliest.toString())).statusCode(403);
        post(TestTokens.adopter(CatalogEvents.ags()), terminate, Map.of("endsOn", earliest.toString())).statusCode(404);
        post(licence.adopterToken(), terminate, Map.of()).statusCode(400).body("violations.field", contains("endsOn"));
        post(licence.adopterToken(), terminate, Map.of("endsOn", "2027-02-30")).statusCode(400).body("violations.field", contains("endsOn"));
        post(licence.adopterToken(), terminate, Map.of("endsOn", earliest.toString())).statusCode(200);
    }

    @Test
    void aLicenceThatIsNotActiveCannotBeTerminated() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = TestTokens.adopter(CatalogEvents.ags());
        String id = requestLicence(adopter, solution.id(), solution.planId(), operator).statusCode(201).extract().path("id");
        post(adopter, "/api/licenses/" + id + "/terminate", Map.of("endsOn", "2030-12-31")).statusCode(409)
                .body("currentState", equalTo("REQUESTED"));
        post(TestTokens.marketplaceAdmin(), "/api/licenses/" + id + "/suspend", Map.of("suspendedOn", TODAY.toString())).statusCode(409)
                .body("currentState", equalTo("REQUESTED"));
    }

    @Test
    void aMarketplaceAdminSuspendsAndResumesWithDatesAndTheEventsTellBilling() {
        Active licence = activeSince(TODAY.minusDays(40));
        String admin = TestTokens.marketplaceAdmin();
        String suspend = "/api/licenses/" + licence.id() + "/suspend";
        String resume = "/api/licenses/" + licence.id() + "/resume";
        LocalDate suspendedOn = TODAY.minusDays(10);

        post(licence.adopterToken(), suspend, Map.of("suspendedOn", suspendedOn.toString())).statusCode(403);
        post(admin, suspend, Map.of()).statusCode(400).body("violations.field", contains("suspendedOn"));
        post(admin, suspend, Map.of("suspendedOn", TODAY.minusDays(41).toString())).statusCode(422)
                .body("violations.field", contains("suspendedOn"));
        post(admin, resume, Map.of("resumedOn", TODAY.toString())).statusCode(409).body("currentState", equalTo("ACTIVE"));

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.LICENSING_LICENSES);
            post(admin, suspend, Map.of("suspendedOn", suspendedOn.toString())).statusCode(200)
                    .body("state", equalTo("SUSPENDED")).body("suspendedOn", equalTo(suspendedOn.toString()));
            post(admin, suspend, Map.of("suspendedOn", TODAY.toString())).statusCode(409).body("currentState", equalTo("SUSPENDED"));
            post(admin, resume, Map.of("resumedOn", suspendedOn.minusDays(1).toString())).statusCode(422)
                    .body("violations.field", contains("resumedOn"));
            post(admin, resume, Map.of("resumedOn", TODAY.toString())).statusCode(200)
                    .body("state", equalTo("ACTIVE")).body("resumedOn", equalTo(TODAY.toString()));

            var events = kafka.readFrom(from, Duration.ofSeconds(15),
                    r -> r.stream().filter(e -> isSuspension(e, licence.id())).count() >= 2);
            var types = events.stream().filter(e -> isSuspension(e, licence.id())).map(e -> e.header("ce_type")).toList();
            assertThat(types).containsExactly("LicenseSuspended", "LicenseResumed");
            assertThat(events.stream().filter(e -> isSuspension(e, licence.id())).map(KafkaEvents.Received::value))
                    .anyMatch(v -> v.contains("\"suspendedOn\":\"" + suspendedOn + "\""))
                    .anyMatch(v -> v.contains("\"resumedOn\":\"" + TODAY + "\""));
        }
        get(licence.adopterToken(), "/api/licenses/" + licence.id())
                .body("history.action", contains("REQUEST", "APPROVE", "ACTIVATE", "SUSPEND", "RESUME"));
        // a new suspension cannot start before the last resumption
        post(admin, suspend, Map.of("suspendedOn", TODAY.minusDays(1).toString())).statusCode(422)
                .body("violations.field", contains("suspendedOn"));
    }

    @Test
    void suspensionAndResumptionMayBeDatedAtMostTwelveMonthsBack() {
        Active licence = activeSince(TODAY.minusYears(2));
        String admin = TestTokens.marketplaceAdmin();
        String suspend = "/api/licenses/" + licence.id() + "/suspend";
        String resume = "/api/licenses/" + licence.id() + "/resume";
        LocalDate earliest = TODAY.minusMonths(12);

        post(admin, suspend, Map.of("suspendedOn", earliest.minusDays(1).toString())).statusCode(422)
                .contentType("application/problem+json").body("violations.field", contains("suspendedOn"))
                .body("earliestAllowed", equalTo(earliest.toString()))
                .body("violations[0].message", containsString("at most 12 months before today"))
                .body("detail", containsString("allowed: from " + earliest));
        post(admin, suspend, Map.of("suspendedOn", TODAY.minusYears(3).toString())).statusCode(422)
                .body("violations.field", contains("suspendedOn"));
        get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("state", equalTo("ACTIVE")).body("suspendedOn", equalTo(null));

        post(admin, suspend, Map.of("suspendedOn", earliest.toString())).statusCode(200).body("suspendedOn", equalTo(earliest.toString()));
        post(admin, resume, Map.of("resumedOn", earliest.minusDays(1).toString())).statusCode(422)
                .body("violations.field", contains("resumedOn")).body("earliestAllowed", equalTo(earliest.toString()));
        post(admin, resume, Map.of("resumedOn", earliest.toString())).statusCode(200).body("resumedOn", equalTo(earliest.toString()));
        // announced ahead: a later date has no bound
        post(admin, suspend, Map.of("suspendedOn", TODAY.plusMonths(1).toString())).statusCode(200);
    }

    @Test
    void theDayAfterItsEndALicenceEndsOnceWithLicenseEndedAndTheSolutionCanBeLicensedAgain() {
        Active licence = activeSince(TODAY.minusYears(2));
        LocalDate endsOn = TODAY.plusDays(90).with(TemporalAdjusters.lastDayOfMonth());
        post(licence.adopterToken(), "/api/licenses/" + licence.id() + "/terminate", Map.of("endsOn", endsOn.toString())).statusCode(200);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.LICENSING_LICENSES);
            // on its last day the licence is still active, and the job leaves it alone
            clock.moveTo(endsOn);
            expiry.endDueLicences();
            get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("state", equalTo("ACTIVE"));
            assertThat(storedState(licence.id())).isEqualTo("ACTIVE");

            // the day after: shown TERMINATED at once, recorded and announced by the job
            clock.moveTo(endsOn.plusDays(1));
            get(licence.adopterToken(), "/api/licenses/" + licence.id()).body("state", equalTo("TERMINATED"));
            get(licence.adopterToken(), "/api/licenses?state=TERMINATED").body("items.id", hasItem(licence.id()));
            get(licence.adopterToken(), "/api/licenses?state=ACTIVE").body("items.id", not(hasItem(licence.id())));
            post(TestTokens.marketplaceAdmin(), "/api/licenses/" + licence.id() + "/suspend", Map.of("suspendedOn", endsOn.toString()))
                    .statusCode(409).body("currentState", equalTo("TERMINATED"));

            assertThat(expiry.endDueLicences()).isGreaterThanOrEqualTo(1);
            assertThat(storedState(licence.id())).isEqualTo("TERMINATED");
            expiry.endDueLicences();
            clock.moveTo(endsOn.plusDays(2));
            expiry.endDueLicences();

            var events = kafka.readFrom(from, Duration.ofSeconds(15), r -> r.stream().anyMatch(e -> isEnded(e, licence.id())));
            // the relay publishes what is written; give a second LicenseEnded, if one were written, time to arrive
            events = kafka.readFrom(from, Duration.ofSeconds(3), r -> false);
            List<KafkaEvents.Received> ended = events.stream().filter(e -> isEnded(e, licence.id())).toList();
            assertThat(ended).singleElement().satisfies(e -> {
                assertThat(e.header("ce_subject")).isEqualTo(licence.id());
                assertThat(e.value()).contains("\"endedOn\":\"" + endsOn + "\"").contains("\"solutionId\":\"" + licence.solution().id() + "\"");
                assertThat(EventSchemas.violations("LicenseEnded", e.value())).isEmpty();
            });
        }
        get(licence.adopterToken(), "/api/licenses/" + licence.id())
                .body("history.action", contains("REQUEST", "APPROVE", "ACTIVATE", "TERMINATE", "END"))
                .body("history[4].to", equalTo("TERMINATED")).body("history[4].by", equalTo("system"));

        requestLicence(licence.adopterToken(), licence.solution().id(), licence.solution().planId(), licence.operator()).statusCode(201)
                .body("state", equalTo("GRANTED"));
    }

    @Test
    void aNewRequestAfterTheEndDateEndsTheOldLicenceWithLicenseEndedToo() {
        Active licence = activeSince(TODAY.minusYears(2));
        LocalDate endsOn = TODAY.plusDays(90).with(TemporalAdjusters.lastDayOfMonth());
        post(licence.adopterToken(), "/api/licenses/" + licence.id() + "/terminate", Map.of("endsOn", endsOn.toString())).statusCode(200);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.LICENSING_LICENSES);
            clock.moveTo(endsOn.plusDays(1));
            requestLicence(licence.adopterToken(), licence.solution().id(), licence.solution().planId(), licence.operator()).statusCode(201);
            assertThat(storedState(licence.id())).isEqualTo("TERMINATED");
            expiry.endDueLicences();

            var events = kafka.readFrom(from, Duration.ofSeconds(15), r -> r.stream().anyMatch(e -> isEnded(e, licence.id())));
            events = kafka.readFrom(from, Duration.ofSeconds(3), r -> false);
            assertThat(events.stream().filter(e -> isEnded(e, licence.id()))).hasSize(1);
        }
    }

    private static String storedState(String licenseId) {
        return CatalogEvents.count("select count(*) from license where id = ?1 and state = 'TERMINATED'", UUID.fromString(licenseId)) == 1
                ? "TERMINATED" : "ACTIVE";
    }

    private static boolean isEnded(KafkaEvents.Received e, String licenseId) {
        return licenseId.equals(e.key()) && "LicenseEnded".equals(e.header("ce_type"));
    }

    private static boolean isTerminated(KafkaEvents.Received e, String licenseId) {
        return licenseId.equals(e.key()) && "LicenseTerminated".equals(e.header("ce_type"));
    }

    private static boolean isSuspension(KafkaEvents.Received e, String licenseId) {
        return licenseId.equals(e.key()) && List.of("LicenseSuspended", "LicenseResumed").contains(e.header("ce_type"));
    }
}

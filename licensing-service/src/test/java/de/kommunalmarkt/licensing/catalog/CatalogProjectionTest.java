package de.kommunalmarkt.licensing.catalog;

import static de.kommunalmarkt.licensing.CatalogEvents.awaitRow;
import static de.kommunalmarkt.licensing.CatalogEvents.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionDeprecated;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.events.SolutionUpdated;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.Api;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogProjectionTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @Test
    void aPublishedSolutionIsLicensableAndAnUpdateReplacesItsPlans() {
        PlanTerms first = CatalogEvents.flatPlan(12, 90);
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL, first);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 2);
        PlanTerms second = CatalogEvents.flatPlan(0, 30);

        CatalogEvents.send(new SolutionUpdated(solution.id(), solution.providerAgs(), "Mängelmelder 2", "neu", "Bürgerbeteiligung",
                SolutionState.PUBLISHED, ApprovalPolicy.AUTO, REGIONAL, List.of(HostingMode.SAAS), List.of(second), Instant.now()));
        awaitRow("select count(*) from catalog_plan where id = ?1", second.planId());

        assertThat(count("select count(*) from catalog_plan where id = ?1", first.planId())).isZero();
        Api.requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), first.planId(), operator)
                .statusCode(422).body("violations.field", hasItem("planId"));
        Api.requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), second.planId(), operator)
                .statusCode(201).body("state", equalTo("GRANTED")).body("solutionName", equalTo("Mängelmelder 2"))
                .body("terms.noticePeriodDays", equalTo(30)).body("deployment.hostingModes", equalTo(List.of("SAAS")));
    }

    @Test
    void aStaleUpdateIsSkippedAndARedeliveredEventIsAppliedOnce() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        Instant later = Instant.now().plusSeconds(60);
        UUID eventId = UUID.randomUUID();
        SolutionDeprecated deprecated = new SolutionDeprecated(solution.id(), solution.providerAgs(), later);
        CatalogEvents.send(deprecated, eventId);
        awaitRow("select count(*) from catalog_solution where id = ?1 and state = 'DEPRECATED'", solution.id());

        // older than the deprecation: must not bring the solution back
        UUID staleId = CatalogEvents.send(new SolutionUpdated(solution.id(), solution.providerAgs(), "zurück", "alt", "x",
                SolutionState.PUBLISHED, ApprovalPolicy.AUTO, REGIONAL, List.of(HostingMode.CLOUD), solution.plans(), later.minusSeconds(30)));
        // the same deprecation delivered again, then a marker event of the same key: once it is applied, so are both before it
        CatalogEvents.send(deprecated, eventId);
        UUID markerId = CatalogEvents.send(new SolutionDeprecated(solution.id(), solution.providerAgs(), later.plusSeconds(1)));
        awaitRow("select count(*) from processed_event where event_id = ?1", markerId);

        assertThat(count("select count(*) from processed_event where event_id = ?1", staleId)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where consumer = '" + CatalogProjection.SOLUTIONS_CONSUMER
                + "' and event_id = ?1", eventId)).isEqualTo(1);

        assertThat(count("select count(*) from catalog_solution where id = ?1 and state = 'DEPRECATED' and name <> 'zurück'",
                solution.id())).isEqualTo(1);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        Api.requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator)
                .statusCode(422).body("violations.field", hasItem("solutionId")).body("solutionState", equalTo("DEPRECATED"));
    }

    @Test
    void municipalitiesNameTheAdopterInLicenceViews() {
        String adopter = CatalogEvents.ags();
        CatalogEvents.registerMunicipality(adopter, "Bamberg");
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        Api.requestLicence(TestTokens.adopter(adopter), solution.id(), solution.planId(), operator)
                .statusCode(201).body("adopterName", equalTo("Bamberg"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithTheErrorAndTheConsumerCarriesOn() {
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.deadLetter(Topics.CATALOG_SOLUTIONS));
            String key = UUID.randomUUID().toString();
            kafka.send(Topics.CATALOG_SOLUTIONS, key, "{\"solutionId\": [not json", Map.of(
                    "ce_id", UUID.randomUUID().toString(), "ce_type", "SolutionPublished", "ce_source", "catalog-service",
                    "ce_specversion", "1.0", "ce_subject", key, "ce_time", Instant.now().toString(), "content-type", "application/json"));
            // the next record of the same key (same partition) is still applied
            PlanTerms plan = CatalogEvents.flatPlan(0, 0);
            CatalogEvents.send(new de.kommunalmarkt.events.SolutionPublished(key, CatalogEvents.ags(), "Nach dem Gift", "s", "c",
                    SolutionState.PUBLISHED, ApprovalPolicy.AUTO, REGIONAL, List.of(HostingMode.CLOUD), List.of(plan), Instant.now()));

            var dead = kafka.readFrom(from, Duration.ofSeconds(30), r -> r.stream().anyMatch(e -> key.equals(e.key())));
            KafkaEvents.Received poison = dead.stream().filter(e -> key.equals(e.key())).findFirst().orElseThrow();
            assertThat(poison.value()).isEqualTo("{\"solutionId\": [not json");
            assertThat(poison.header("dead-letter-reason")).contains("not a valid SolutionPublished");
            awaitRow("select count(*) from catalog_solution where id = ?1", key);
        }
    }
}

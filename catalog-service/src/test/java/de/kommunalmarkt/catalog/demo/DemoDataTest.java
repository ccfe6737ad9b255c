package de.kommunalmarkt.catalog.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.catalog.TestClock;
import de.kommunalmarkt.catalog.directory.LeitwegId;
import de.kommunalmarkt.catalog.directory.OperatorRequest;
import de.kommunalmarkt.catalog.solution.PlanRequest;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The local stack's start-up: {@code catalog.demo-data.enabled=true} loads the dataset through the service's own methods. */
@QuarkusTest
@TestProfile(DemoDataTest.Enabled.class)
class DemoDataTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.demo-data.enabled", "true");
        }
    }

    @Inject
    DemoDataLoader loader;

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    static DemoData file() throws Exception {
        try (InputStream in = DemoDataTest.class.getClassLoader().getResourceAsStream("demo/demo-data.json")) {
            return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .findAndRegisterModules().readValue(in, DemoData.class);
        }
    }

    @Test
    void theDatasetHasWhatTheIssueAsksFor() throws Exception {
        DemoData data = file();
        List<DemoData.DemoSolution> published = data.solutions().stream().filter(DemoData.DemoSolution::publish).toList();
        assertThat(published).hasSizeGreaterThanOrEqualTo(12);
        assertThat(published.stream().map(DemoData.DemoSolution::provider).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(published.stream().map(s -> s.solution().category()).distinct()).hasSizeGreaterThanOrEqualTo(5);
        List<PlanRequest> plans = published.stream().flatMap(s -> s.plans().stream()).map(DemoData.DemoPlan::plan).toList();
        assertThat(plans.stream().map(PlanRequest::model).collect(Collectors.toSet())).containsExactlyInAnyOrder(PriceModel.values());
        assertThat(plans.stream().map(PlanRequest::costSharingKey).filter(Objects::nonNull).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(CostSharingKey.values());
        assertThat(data.operators().stream().map(OperatorRequest::operatorType).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(data.operators()).anyMatch(o -> o.id().equals("komm-one") && o.operatorType() == OperatorType.REGIONAL_IT_PROVIDER);
        assertThat(data.operators()).anyMatch(o -> o.id().equals("code-for-germany") && o.operatorType() == OperatorType.CIVIL_SOCIETY);
        assertThat(data.municipalities()).extracting(m -> m.ags() + " " + m.name())
                .contains("05315000 Köln", "08421000 Ulm", "09461000 Bamberg");
        assertThat(published).extracting(DemoData.DemoSolution::provider).contains("05315000", "08421000");
        assertThat(data.solutions()).filteredOn(s -> !s.publish()).hasSizeGreaterThanOrEqualTo(3);
        data.municipalities().forEach(m -> {
            assertThat(LeitwegId.problem(m.leitwegId())).as(m.name()).isNull();
            assertThat(m.inhabitants() % 1000).as("rounded inhabitants of " + m.name()).isZero();
        });
        // one open scaling round of a published solution, with pledges of demo municipalities other than its provider
        assertThat(data.rounds()).isNotEmpty();
        Set<String> agsOfDataset = data.municipalities().stream().map(m -> m.ags()).collect(Collectors.toSet());
        for (DemoData.DemoRound r : data.rounds()) {
            DemoData.DemoSolution s = data.solution(r.solution());
            assertThat(s.publish()).as(r.key()).isTrue();
            assertThat(r.closesInDays()).as(r.key()).isPositive();
            assertThat(r.pledges()).as(r.key()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(r.pledges()).extracting(DemoData.DemoPledge::municipality).doesNotContain(s.provider())
                    .allMatch(agsOfDataset::contains).doesNotHaveDuplicates();
        }
    }

    @Test
    void onStartTheCatalogHoldsTheDatasetPublishedSolutionsPublicDraftsFailingTheGate() throws Exception {
        DemoData data = file();
        for (DemoData.DemoSolution s : data.solutions()) {
            if (s.publish()) {
                given().when().get("/api/solutions/{id}", s.id()).then().statusCode(200)
                        .body("state", equalTo("PUBLISHED")).body("plans.size()", equalTo(s.plans().size()))
                        .body("readiness.publishable", equalTo(true));
            } else {
                given().when().get("/api/solutions/{id}", s.id()).then().statusCode(404);
                given().auth().oauth2(TestTokens.provider(s.provider())).when().get("/api/solutions/{id}", s.id())
                        .then().statusCode(200).body("state", equalTo("DRAFT")).body("readiness.publishable", equalTo(false));
                given().auth().oauth2(TestTokens.provider(s.provider())).when().post("/api/solutions/{id}/publish", s.id())
                        .then().statusCode(422);
            }
        }
        given().queryParam("q", "Parksensorik").when().get("/api/solutions")
                .then().statusCode(200).body("items.name", hasItem("Parksensorik Innenstadt"));
        given().auth().oauth2(TestTokens.operator("komm-one")).when().get("/api/operators/komm-one")
                .then().statusCode(200).body("operatorType", equalTo("REGIONAL_IT_PROVIDER"));
        given().auth().oauth2(TestTokens.operator("code-for-germany")).when().get("/api/operators/code-for-germany")
                .then().statusCode(200).body("operatorType", equalTo("CIVIL_SOCIETY"));
        given().auth().oauth2(TestTokens.adopter("09461000")).when().get("/api/municipalities/09461000")
                .then().statusCode(200).body("name", equalTo("Bamberg"));
        for (DemoData.DemoRound r : data.rounds()) {
            DemoData.DemoSolution s = data.solution(r.solution());
            given().when().get("/api/scaling-rounds/{id}", r.id()).then().statusCode(200)
                    .body("state", equalTo("OPEN")).body("solutionId", equalTo(s.id().toString()))
                    .body("providerAgs", equalTo(s.provider())).body("participants", equalTo(r.pledges().size()))
                    .body("closesOn", equalTo(clock.today().plusDays(r.closesInDays()).toString()))
                    .body("daysLeft", equalTo(r.closesInDays())).body("pledges", nullValue());
            given().auth().oauth2(TestTokens.provider(s.provider())).when().get("/api/scaling-rounds/{id}", r.id()).then()
                    .statusCode(200).body("pledges.size()", equalTo(r.pledges().size()));
            given().auth().oauth2(TestTokens.adopter(r.pledges().get(0).municipality())).when().get("/api/scaling-rounds/{id}", r.id())
                    .then().statusCode(200).body("myPledge.pledgedAt", notNullValue());
            given().when().get("/api/solutions/{id}", s.id()).then().statusCode(200)
                    .body("scalingRound.id", equalTo(r.id().toString())).body("scalingRound.state", equalTo("OPEN"));
        }
    }

    @Test
    void loadingAgainChangesNothing() {
        Map<String, Long> before = counts();
        DemoDataLoader.Outcome outcome = loader.load();
        assertThat(outcome.changedNothing()).isTrue();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theEventsTheLoadEmittedValidateAgainstTheirSchemas() throws Exception {
        DemoData data = file();
        Set<String> keys = new java.util.HashSet<>();
        data.solutions().stream().filter(DemoData.DemoSolution::publish).forEach(s -> keys.add(s.id().toString()));
        data.operators().forEach(o -> keys.add(o.id()));
        data.rounds().forEach(r -> keys.add(r.id().toString()));
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select event_type, payload from outbox_event where record_key in (?1)", Object[].class)
                .setParameter(1, new ArrayList<>(keys)).getResultList());
        assertThat(rows.stream().map(r -> (String) r[0]).collect(Collectors.toSet()))
                .contains("SolutionPublished", "OperatorRegistered", "ScalingRoundOpened", "PledgeMade");
        assertThat(rows.stream().filter(r -> "SolutionPublished".equals(r[0])).count())
                .isEqualTo(data.solutions().stream().filter(DemoData.DemoSolution::publish).count());
        for (Object[] row : rows) {
            assertThat(EventSchemas.violations((String) row[0], (String) row[1])).as("%s %s", row[0], row[1]).isEmpty();
        }
    }

    private Map<String, Long> counts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : List.of("municipality", "operator", "solution", "plan", "scaling_round", "round_pledge", "outbox_event")) {
                counts.put(table, ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue());
            }
            counts.put("versions", ((Number) em.createNativeQuery("select coalesce(sum(version), 0) from solution").getSingleResult())
                    .longValue());
            return counts;
        });
    }
}

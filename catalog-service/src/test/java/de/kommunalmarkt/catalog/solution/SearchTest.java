package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static de.kommunalmarkt.catalog.Fixtures.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.catalog.LicenseEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchTest {

    @Inject
    EntityManager em;

    /** Publishes a solution of a fresh provider, shaped by {@code shape}, and returns its id. */
    static String published(String name, Consumer<Map<String, Object>> shape) {
        String ags = registeredMunicipality("Suchstadt");
        String token = TestTokens.provider(ags);
        Map<String, Object> body = readySolution(name);
        shape.accept(body);
        String id = draft(token, body);
        addPlan(token, id, flatPlan("10.00"));
        Fixtures.publish(token, id);
        return id;
    }

    @Test
    void anyoneFindsPublishedSolutionsByInflectedWordsInNameSummaryDescriptionAndStandards() {
        String word = uniqueWord();
        String id = published("Parksensorik " + word, s -> {
            s.put("description", "Sensoren melden freie Stellplätze an die Bürgerbeteiligungsplattform.");
            s.put("standards", List.of("OParl", "OGC SensorThings API"));
        });

        given().queryParam("q", word + " Sensor").when().get("/api/solutions")
                .then().statusCode(200).body("items.id", contains(id)).body("total", equalTo(1))
                .body("items[0].providerName", equalTo("Suchstadt"))
                .body("items[0].readinessScore", equalTo(1.0f));
        given().queryParam("q", word + " oparl").when().get("/api/solutions").then().body("items.id", contains(id));
        given().queryParam("q", word + " SensorThings").when().get("/api/solutions").then().body("items.id", contains(id));
        given().queryParam("q", word + " Sensoren").when().get("/api/solutions").then().body("items.id", contains(id));
        given().queryParam("q", word + " Hochwasser").when().get("/api/solutions").then().body("items", empty());
        given().queryParam("q", word + " -Sensoren").when().get("/api/solutions").then().body("items", empty());
    }

    @Test
    void relevanceComesFirstThenTheAdoptionCount() {
        String word = uniqueWord();
        String inName = published("Lösung " + word, s -> { });
        String rarelyUsed = published("Alpha Lösung", s -> s.put("description", "Eine Beschreibung mit " + word + "."));
        String oftenUsed = published("Gamma Lösung", s -> s.put("description", "Eine Beschreibung mit " + word + "."));
        String provider = given().when().get("/api/solutions/{id}", oftenUsed).then().extract().path("providerAgs");
        for (int i = 0; i < 2; i++) {
            String licenseId = UUID.randomUUID().toString();
            LicenseEvents.send("LicenseActivated", licenseId,
                    LicenseEvents.activated(licenseId, oftenUsed, Fixtures.randomAgs(), provider));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/solutions/{id}", oftenUsed)
                .then().body("adoptionCount", equalTo(2)));

        given().queryParam("q", word).when().get("/api/solutions")
                .then().statusCode(200).body("items.id", contains(inName, oftenUsed, rarelyUsed))
                .body("items.adoptionCount", contains(0, 2, 0));
    }

    @Test
    void filtersNarrowByCategoryOperatorTypeAndHostingMode() {
        String word = uniqueWord();
        String mobility = published("Verkehr " + word, s -> { });
        String participation = published("Beteiligung " + word, s -> {
            s.put("category", "PARTICIPATION");
            s.put("supportedOperatorTypes", List.of("CIVIL_SOCIETY"));
            s.put("hostingModes", List.of("SAAS"));
        });

        given().queryParam("q", word).queryParam("category", "PARTICIPATION").when().get("/api/solutions")
                .then().body("items.id", contains(participation));
        given().queryParam("q", word).queryParam("operatorType", "REGIONAL_IT_PROVIDER").when().get("/api/solutions")
                .then().body("items.id", contains(mobility));
        given().queryParam("q", word).queryParam("hostingMode", "SAAS").when().get("/api/solutions")
                .then().body("items.id", contains(participation));
        given().queryParam("q", word).queryParam("hostingMode", "ON_PREMISES").queryParam("category", "MOBILITY")
                .when().get("/api/solutions").then().body("items.id", contains(mobility));
        given().queryParam("category", "PARTICIPATION").queryParam("size", 200).when().get("/api/solutions")
                .then().body("items.id", hasItem(participation)).body("items.category", org.hamcrest.Matchers.everyItem(equalTo("PARTICIPATION")));
    }

    @Test
    void resultsArePaged() {
        String word = uniqueWord();
        for (int i = 0; i < 3; i++) {
            published("Seite " + i + " " + word, s -> { });
        }
        given().queryParam("q", word).queryParam("size", 2).when().get("/api/solutions")
                .then().body("items", hasSize(2)).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2));
        given().queryParam("q", word).queryParam("size", 2).queryParam("page", 1).when().get("/api/solutions")
                .then().body("items", hasSize(1)).body("total", equalTo(3)).body("page", equalTo(1));
        given().queryParam("q", word).queryParam("size", 2).queryParam("page", 5).when().get("/api/solutions")
                .then().body("items", empty()).body("total", equalTo(3));
    }

    @Test
    void draftsAndDeprecatedSolutionsAreNotFound() {
        String word = uniqueWord();
        String ags = registeredMunicipality("Verborgenstadt");
        draft(TestTokens.provider(ags), readySolution("Entwurf " + word));
        String deprecated = published("Alt " + word, s -> { });
        String provider = given().when().get("/api/solutions/{id}", deprecated).then().extract().path("providerAgs");
        given().auth().oauth2(TestTokens.provider(provider)).when().post("/api/solutions/{id}/deprecate", deprecated)
                .then().statusCode(200);
        given().queryParam("q", word).when().get("/api/solutions").then().body("items", empty()).body("total", equalTo(0));
    }

    @Test
    void badSearchParametersAreRefusedNamingTheParameter() {
        given().queryParam("category", "FOOD").when().get("/api/solutions")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("category"));
        given().queryParam("operatorType", "ROBOT").when().get("/api/solutions")
                .then().statusCode(400).body("violations.field", hasItem("operatorType"));
        given().queryParam("hostingMode", "MAINFRAME").when().get("/api/solutions")
                .then().statusCode(400).body("violations.field", hasItem("hostingMode"));
        given().queryParam("size", 500).when().get("/api/solutions").then().statusCode(400).body("violations.field", hasItem("size"));
        given().queryParam("page", -1).when().get("/api/solutions").then().statusCode(400).body("violations.field", hasItem("page"));
        given().queryParam("q", "x".repeat(201)).when().get("/api/solutions").then().statusCode(400).body("violations.field", hasItem("q"));
        given().queryParam("q", "\"unbalanced & ( | !").when().get("/api/solutions").then().statusCode(200);
    }

    /** The search does not depend on the caller, so it does not even look at a token (lazy authentication). */
    @Test
    void theSearchIsPublicWithOrWithoutAToken() {
        given().queryParam("q", "Park").when().get("/api/solutions").then().statusCode(200);
        given().auth().oauth2(TestTokens.adopter("05315000")).queryParam("q", "Park").when().get("/api/solutions").then().statusCode(200);
        given().auth().oauth2("not-a-token").queryParam("q", "Park").when().get("/api/solutions").then().statusCode(200);
    }

    /**
     * The text predicate is answered from the GIN index once sequential scans are off, as the search
     * statement has them. (Which index the whole statement uses depends on table statistics; at
     * 10,000 solutions the benchmark prints its plan: a bitmap scan of solution_search.)
     */
    @Test
    void theTextMatchIsServedByTheGinIndexNotAScan() {
        List<?> plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            return em.createNativeQuery("explain select s.id from solution s where s.search_vector @@ "
                    + "(websearch_to_tsquery('german', 'Parken') || websearch_to_tsquery('simple', 'Parken'))").getResultList();
        });
        assertThat(plan.toString()).contains("Bitmap Index Scan on solution_search");
    }

    @Test
    void bothGermanAndSimpleConfigurationsFeedTheIndex() {
        String lexemes = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select cast(to_tsvector('german', 'Parksensoren') || to_tsvector('simple', 'Parksensoren') as text)")
                .getSingleResult());
        assertThat(lexemes).contains("'parksensor'").contains("'parksensoren'");
        String definition = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select pg_get_expr(adbin, adrelid) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum "
                        + "where a.attname = 'search_vector'").getSingleResult());
        assertThat(definition).contains("'german'").contains("'simple'");
    }
}

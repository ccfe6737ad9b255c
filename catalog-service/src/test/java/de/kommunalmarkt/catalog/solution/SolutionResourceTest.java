package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.flatPlan;
import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SolutionResourceTest {

    @Test
    void aProviderDraftsASolutionForTheMunicipalityInItsTokenAndNoEventLeaves() {
        String ags = registeredMunicipality("Entwurfstadt");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            String id = given().auth().oauth2(TestTokens.provider(ags)).contentType("application/json")
                    .body(readySolution("Parksensorik"))
                    .when().post("/api/solutions")
                    .then().statusCode(201)
                    .body("state", equalTo("DRAFT"))
                    .body("providerAgs", equalTo(ags))
                    .body("providerName", equalTo("Entwurfstadt"))
                    .body("sourceLicense", equalTo("EUPL-1.2"))
                    .body("hostingModes", contains("CLOUD", "ON_PREMISES"))
                    .body("referenceEnvironments[0].ags", equalTo("05315000"))
                    .body("qualityProfile.supportResponseHours", equalTo(24))
                    .body("adoptionCount", equalTo(0))
                    .body("rating.count", equalTo(0))
                    .body("readiness.publishable", equalTo(false))
                    .body("readiness.criteria.findAll { !it.met }.criterion", contains("PLAN"))
                    .extract().path("id");
            given().auth().oauth2(TestTokens.provider(ags)).when().get("/api/solutions/{id}", id)
                    .then().statusCode(200).body("name", equalTo("Parksensorik"));

            var events = kafka.readFrom(from, Duration.ofSeconds(2), r -> false);
            assertThat(events).as("drafts are private: no event").noneMatch(e -> id.equals(e.key()));
        }
    }

    @Test
    void theProviderComesFromTheTokenNeverFromTheBody() {
        String ags = registeredMunicipality("Tokenstadt");
        Map<String, Object> body = readySolution("Fremdlösung");
        body.put("providerAgs", "05315000");
        given().auth().oauth2(TestTokens.provider(ags)).contentType("application/json").body(body)
                .when().post("/api/solutions").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("providerAgs"));
    }

    @Test
    void aMunicipalityNotInTheDirectoryCannotOfferSolutions() {
        String unknown = Fixtures.randomAgs();
        given().auth().oauth2(TestTokens.provider(unknown)).contentType("application/json").body(readySolution("Waise"))
                .when().post("/api/solutions").then().statusCode(422).contentType("application/problem+json")
                .body("providerAgs", equalTo(unknown));
    }

    @Test
    void draftsAreInvisibleToEveryoneButTheirProvider() {
        String ags = registeredMunicipality("Geheimstadt");
        String other = registeredMunicipality("Neugierstadt");
        String id = draft(TestTokens.provider(ags), readySolution("Geheimprojekt"));

        given().when().get("/api/solutions/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.provider(other)).when().get("/api/solutions/{id}", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.adopter(ags)).when().get("/api/solutions/{id}", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.marketplaceAdmin()).when().get("/api/solutions/{id}", id).then().statusCode(404);
        given().when().get("/api/solutions/{id}/reviews", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider(ags)).when().get("/api/solutions/{id}", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.provider(ags)).when().get("/api/solutions/{id}/reviews", id)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aProviderCannotTouchAnotherMunicipalitysSolutionWhichAnswersNotFound() {
        String ags = registeredMunicipality("Eigenstadt");
        String intruder = TestTokens.provider(registeredMunicipality("Übergriffstadt"));
        String draftId = draft(TestTokens.provider(ags), readySolution("Eigener Entwurf"));
        String publishedId = publishedSolution(ags, "Eigene Lösung");

        for (String id : List.of(draftId, publishedId)) {
            given().auth().oauth2(intruder).contentType("application/json").body(readySolution("Gekapert"))
                    .when().put("/api/solutions/{id}", id).then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(intruder).contentType("application/json").body(flatPlan("1.00"))
                    .when().post("/api/solutions/{id}/plans", id).then().statusCode(404);
            given().auth().oauth2(intruder).when().post("/api/solutions/{id}/publish", id).then().statusCode(404);
            given().auth().oauth2(intruder).when().post("/api/solutions/{id}/deprecate", id).then().statusCode(404);
        }
        given().auth().oauth2(intruder).when().get("/api/solutions/{id}", publishedId)
                .then().statusCode(200).body("name", equalTo("Eigene Lösung")).body("state", equalTo("PUBLISHED"));
        given().auth().oauth2(TestTokens.provider(ags)).when().get("/api/solutions/{id}", draftId)
                .then().statusCode(200).body("name", equalTo("Eigener Entwurf"));
    }

    @Test
    void onlyProvidersWithAMunicipalityWrite() {
        String ags = registeredMunicipality("Rollenstadt");
        given().auth().oauth2(TestTokens.adopter(ags)).contentType("application/json").body(readySolution("x"))
                .when().post("/api/solutions").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.operator("komm-one")).contentType("application/json").body(readySolution("x"))
                .when().post("/api/solutions").then().statusCode(403);
        given().contentType("application/json").body(readySolution("x"))
                .when().post("/api/solutions").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("lost", Set.of("provider"), Map.of())).contentType("application/json")
                .body(readySolution("x")).when().post("/api/solutions").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("not linked to a municipality"));
        given().auth().oauth2(TestTokens.adopter(ags)).when().get("/api/solutions/own").then().statusCode(403);
    }

    @Test
    void invalidSolutionsAreRefusedNamingTheFieldAndNothingIsStored() {
        String ags = registeredMunicipality("Prüfstadt");
        String token = TestTokens.provider(ags);
        assertRefused(token, "sourceLicense", s -> s.put("sourceLicense", "GPLv3"));
        assertRefused(token, "documentationUrl", s -> s.put("documentationUrl", "ftp://docs.example.org"));
        assertRefused(token, "documentationUrl", s -> s.put("documentationUrl", "https://example.org/" + "x".repeat(500)));
        assertRefused(token, "name", s -> s.put("name", "x".repeat(201)));
        assertRefused(token, "summary", s -> s.put("summary", " "));
        assertRefused(token, "description", s -> s.put("description", "x".repeat(20_001)));
        assertRefused(token, "category", s -> s.put("category", "FOOD"));
        assertRefused(token, "maturity", s -> s.remove("maturity"));
        assertRefused(token, "hostingModes", s -> s.put("hostingModes", List.of()));
        assertRefused(token, "standards[0]", s -> s.put("standards", List.of("")));
        assertRefused(token, "referenceEnvironments[0].ags", s -> s.put("referenceEnvironments",
                List.of(Map.of("municipality", "Nirgendwo", "ags", "17000000", "operator", "x", "hostingMode", "CLOUD"))));
        assertRefused(token, "referenceEnvironments[0].hostingMode", s -> s.put("referenceEnvironments",
                List.of(Map.of("municipality", "Nirgendwo", "operator", "x", "hostingMode", "MAINFRAME"))));
        assertRefused(token, "qualityProfile.dataProtectionStatementUrl", s -> ((Map<String, Object>) s.get("qualityProfile"))
                .put("dataProtectionStatementUrl", "not a url"));
        assertRefused(token, "qualityProfile.supportContact", s -> ((Map<String, Object>) s.get("qualityProfile"))
                .put("supportContact", "no-email"));
        assertRefused(token, "qualityProfile.supportContact", s -> ((Map<String, Object>) s.get("qualityProfile"))
                .put("supportContact", ""));
        assertRefused(token, "qualityProfile.supportContact", s -> ((Map<String, Object>) s.get("qualityProfile"))
                .put("supportContact", "support@ex\u200bample.org"));
        assertRefused(token, "qualityProfile.supportResponseHours", s -> ((Map<String, Object>) s.get("qualityProfile"))
                .put("supportResponseHours", 0));
        assertRefused(token, "approvalPolicy", s -> s.put("approvalPolicy", null));
        given().auth().oauth2(token).contentType("application/json").body("{\"name\": ")
                .when().post("/api/solutions").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(token).when().get("/api/solutions/own").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anUnknownSpdxIdNamesTheKnownOnes() {
        String token = TestTokens.provider(registeredMunicipality("Lizenzstadt"));
        Map<String, Object> body = readySolution("Lizenzfrage");
        body.put("sourceLicense", "GPL");
        given().auth().oauth2(token).contentType("application/json").body(body).when().post("/api/solutions")
                .then().statusCode(400).body("violations[0].message", org.hamcrest.Matchers.containsString("EUPL-1.2"));
        body.put("sourceLicense", "eupl-1.2");
        given().auth().oauth2(token).contentType("application/json").body(body).when().post("/api/solutions")
                .then().statusCode(201).body("sourceLicense", equalTo("EUPL-1.2"));
    }

    @Test
    void theProviderReplacesItsDraftAndTheVersionCountsChanges() {
        String ags = registeredMunicipality("Änderstadt");
        String token = TestTokens.provider(ags);
        Map<String, Object> body = readySolution("Erster Name");
        String id = draft(token, body);
        int version = given().auth().oauth2(token).when().get("/api/solutions/{id}", id).then().extract().path("version");
        body.put("name", "Zweiter Name");
        body.put("supportedOperatorTypes", List.of("CIVIL_SOCIETY", "CIVIL_SOCIETY"));
        given().auth().oauth2(token).contentType("application/json").body(body).when().put("/api/solutions/{id}", id)
                .then().statusCode(200).body("name", equalTo("Zweiter Name"))
                .body("supportedOperatorTypes", contains("CIVIL_SOCIETY"))
                .body("version", equalTo(version + 1));
    }

    @Test
    void theOwnListShowsTheMunicipalitysSolutionsInEveryStateNewestFirst() {
        String ags = registeredMunicipality("Listenstadt");
        String token = TestTokens.provider(ags);
        String published = publishedSolution(ags, "Veröffentlicht");
        String drafted = draft(token, readySolution("Entworfen"));
        given().auth().oauth2(token).when().get("/api/solutions/own")
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", contains(drafted, published))
                .body("items.state", contains("DRAFT", "PUBLISHED"));
        given().auth().oauth2(TestTokens.provider(registeredMunicipality("Andere"))).when().get("/api/solutions/own")
                .then().statusCode(200).body("items.id", not(hasItem(drafted)));
    }

    @Test
    void thePublicDetailNeedsNoTokenButRefusesAnInvalidOne() {
        String id = publishedSolution(registeredMunicipality("Offenstadt"), "Öffentlich");
        given().when().get("/api/solutions/{id}", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.adopter("05315000")).when().get("/api/solutions/{id}", id).then().statusCode(200);
        given().auth().oauth2("not-a-token").when().get("/api/solutions/{id}", id).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void idsThatAreNoUuidNameNoSolution() {
        given().when().get("/api/solutions/{id}", "not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/solutions/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theSolutionShowsItsPlansReadinessScoreAdoptionAndRatingToAnyone() {
        String ags = registeredMunicipality("Schaustadt");
        String token = TestTokens.provider(ags);
        Map<String, Object> body = readySolution("Schaufenster");
        body.put("standards", List.of());
        String id = draft(token, body);
        addPlan(token, id, flatPlan("300.00"));
        Fixtures.publish(token, id);
        ValidatableResponse view = given().when().get("/api/solutions/{id}", id).then().statusCode(200);
        view.body("plans[0].model", equalTo("FLAT"))
                .body("plans[0].monthlyFee", equalTo(300.00f))
                .body("plans[0].vatRate", equalTo(0.19f))
                .body("plans[0].currency", equalTo("EUR"))
                .body("plans[0].active", equalTo(true))
                .body("readiness.met", equalTo(11))
                .body("readiness.total", equalTo(12))
                .body("readiness.score", equalTo(0.92f))
                .body("readiness.criteria.find { it.criterion == 'OPEN_STANDARD' }.level", equalTo("SHOULD"))
                .body("readiness.criteria.find { it.criterion == 'OPEN_STANDARD' }.hint", org.hamcrest.Matchers.containsString("standards"))
                .body("adoptionCount", equalTo(0))
                .body("rating.count", equalTo(0));
    }

    @SuppressWarnings("unchecked")
    private static void assertRefused(String token, String field, java.util.function.Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = readySolution("Kaputt");
        breakIt.accept(body);
        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/solutions").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}

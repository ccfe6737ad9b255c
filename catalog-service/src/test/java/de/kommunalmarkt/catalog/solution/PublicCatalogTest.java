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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The public reads come from each instance's in-memory copy (search index, rendered views): it finds
 * German forms, never shows a draft, follows changes committed by any other instance, and answers
 * with validators (ETag, 304) and caching rules that never let a shared cache keep a private answer.
 */
@QuarkusTest
class PublicCatalogTest {

    @Inject
    EntityManager em;

    @Test
    void germanInflectionsUmlautsAndSharpSAreFound() {
        String word = uniqueWord();
        String id = SearchTest.published("Bürgerbeteiligung " + word, s -> {
            s.put("summary", "Anliegen zur Straße und zu den Stadtbäumen melden.");
            s.put("description", "Die Plattform zeigt Beteiligungsverfahren auf einer Karte.");
        });

        for (String q : List.of("Buergerbeteiligung", "Burgerbeteiligung", "bürgerbeteiligung", "Strasse", "Straßen",
                "Stadtbaum", "Karten", "Beteiligungsverfahren", "\"auf einer Karte\"")) {
            given().queryParam("q", word + " " + q).when().get("/api/solutions")
                    .then().statusCode(200).body("items.id", contains(id));
        }
        given().queryParam("q", word + " Hochwasser or Karte").when().get("/api/solutions").then().body("items.id", contains(id));
        given().queryParam("q", word + " \"Karte Plattform\"").when().get("/api/solutions").then().body("items", empty());
        given().queryParam("q", word + " -Straße").when().get("/api/solutions").then().body("items", empty());
        given().queryParam("q", word + " Hochwasser").when().get("/api/solutions").then().body("items", empty());
    }

    @Test
    void aDraftNeverShowsNeitherInTheSearchNorByIdExceptToItsProvider() {
        String word = uniqueWord();
        String ags = registeredMunicipality("Entwurfstadt");
        String token = TestTokens.provider(ags);
        String id = draft(token, readySolution("Entwurf " + word));
        addPlan(token, id, flatPlan("10.00"));

        given().queryParam("q", word).when().get("/api/solutions").then().body("items", empty()).body("total", equalTo(0));
        given().when().get("/api/solutions/{id}", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider(Fixtures.randomAgs())).when().get("/api/solutions/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/solutions/{id}", id)
                .then().statusCode(200).header("Cache-Control", "private, no-store").header("ETag", nullValue());
    }

    /**
     * Another instance (here: a transaction that bypasses this instance's services, as another
     * process's would) publishes, renames the provider and deprecates: each committed change reaches
     * this instance through PostgreSQL's notifications alone.
     */
    @Test
    void whatAnotherInstanceCommitsIsFoundHereQuickly() {
        String word = uniqueWord();
        String ags = registeredMunicipality("Nachbarstadt");
        String token = TestTokens.provider(ags);
        String id = draft(token, readySolution("Fremdinstanz " + word));
        addPlan(token, id, flatPlan("10.00"));
        given().queryParam("q", word).when().get("/api/solutions").then().body("items", empty());

        otherInstance("update solution set state = 'PUBLISHED', published_at = now(), version = version + 1 where id = cast(?1 as uuid)", id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("q", word).when().get("/api/solutions")
                .then().body("items.id", contains(id)).body("items[0].providerName", equalTo("Nachbarstadt")));
        given().when().get("/api/solutions/{id}", id).then().statusCode(200).body("state", equalTo("PUBLISHED"));

        otherInstance("update municipality set name = 'Nachbarstadt an der Ruhr' where ags = ?1", ags);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("q", word).when().get("/api/solutions")
                .then().body("items[0].providerName", equalTo("Nachbarstadt an der Ruhr")));

        otherInstance("update solution set adoption_count = 7 where id = cast(?1 as uuid)", id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/api/solutions/{id}", id)
                .then().body("adoptionCount", equalTo(7)));
        // the page of this query was rendered (and kept) before: the change replaced it
        given().queryParam("q", word).when().get("/api/solutions").then().body("items[0].adoptionCount", equalTo(7));

        otherInstance("update solution set state = 'DEPRECATED', deprecated_at = now(), version = version + 1 where id = cast(?1 as uuid)", id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("q", word).when().get("/api/solutions")
                .then().body("items", empty()));
        given().when().get("/api/solutions/{id}", id).then().statusCode(200).body("state", equalTo("DEPRECATED"));
    }

    @Test
    void anonymousReadsCarryAnETagAndAreAnswered304WhileUnchanged() {
        String word = uniqueWord();
        String id = SearchTest.published("Zwischenspeicher " + word, s -> { });
        String provider = given().when().get("/api/solutions/{id}", id).then().extract().path("providerAgs");

        Response first = given().when().get("/api/solutions/{id}", id).then().statusCode(200)
                .header("Cache-Control", "public, max-age=0, must-revalidate").header("Vary", containsString("Authorization")).extract().response();
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        given().header("If-None-Match", etag).when().get("/api/solutions/{id}", id)
                .then().statusCode(304).header("ETag", etag).body(emptyString());
        given().header("If-None-Match", "W/" + etag).when().get("/api/solutions/{id}", id).then().statusCode(304);
        given().header("If-None-Match", "\"something-else\"").when().get("/api/solutions/{id}", id).then().statusCode(200);

        // with credentials: the same content, never for a shared cache
        given().auth().oauth2(TestTokens.adopter("05315000")).when().get("/api/solutions/{id}", id)
                .then().statusCode(200).header("Cache-Control", "private, no-cache").header("ETag", etag);

        // a change is a new tag at once (the changing instance renders it before answering)
        Map<String, Object> changed = readySolution("Zwischenspeicher " + word);
        changed.put("summary", "Geänderte Zusammenfassung.");
        given().auth().oauth2(TestTokens.provider(provider)).contentType("application/json").body(changed)
                .when().put("/api/solutions/{id}", id).then().statusCode(200);
        String newTag = given().header("If-None-Match", etag).when().get("/api/solutions/{id}", id).then().statusCode(200)
                .body("summary", equalTo("Geänderte Zusammenfassung.")).extract().header("ETag");
        assertThat(newTag).isNotEqualTo(etag);

        String searchTag = given().queryParam("q", word).when().get("/api/solutions").then().statusCode(200)
                .header("Cache-Control", "public, max-age=0, must-revalidate").body("items.id", contains(id))
                .extract().header("ETag");
        given().queryParam("q", word).header("If-None-Match", searchTag).when().get("/api/solutions").then().statusCode(304);
        changed.put("summary", "Noch einmal geändert.");
        given().auth().oauth2(TestTokens.provider(provider)).contentType("application/json").body(changed)
                .when().put("/api/solutions/{id}", id).then().statusCode(200);
        given().queryParam("q", word).header("If-None-Match", searchTag).when().get("/api/solutions")
                .then().statusCode(200).body("items[0].summary", equalTo("Noch einmal geändert."));
    }

    @Test
    void anUnknownSolutionIsStill404() {
        given().when().get("/api/solutions/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private void otherInstance(String sql, String parameter) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).setParameter(1, parameter).executeUpdate());
    }
}

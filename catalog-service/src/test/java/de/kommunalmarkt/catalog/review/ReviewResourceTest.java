package de.kommunalmarkt.catalog.review;

import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import de.kommunalmarkt.catalog.LicenseEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewResourceTest {

    @Inject
    EntityManager em;

    static Map<String, Object> review(Object stars, String report) {
        return report == null ? Map.of("stars", stars) : Map.of("stars", stars, "report", report);
    }

    /** Activates a licence of the adopter for the solution and waits until the catalog knows it. */
    static String activeLicence(String solution, String adopter) {
        String provider = given().when().get("/api/solutions/{id}", solution).then().extract().path("providerAgs");
        int before = given().when().get("/api/solutions/{id}", solution).then().extract().path("adoptionCount");
        String license = UUID.randomUUID().toString();
        LicenseEvents.send("LicenseActivated", license, LicenseEvents.activated(license, solution, adopter, provider));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/solutions/{id}", solution)
                .then().body("adoptionCount", equalTo(before + 1)));
        return license;
    }

    @Test
    void onlyAMunicipalityHoldingAnActiveLicenceReviewsAndEveryoneReadsIt() {
        String provider = registeredMunicipality("Gutachtenstadt");
        String solution = publishedSolution(provider, "Begutachtet");
        String adopter = registeredMunicipality("Erfahrungsstadt");

        given().auth().oauth2(TestTokens.adopter(adopter)).contentType("application/json")
                .body(review(5, "Läuft seit einem Jahr stabil.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("active licence"));

        activeLicence(solution, adopter);
        given().auth().oauth2(TestTokens.adopter(adopter)).contentType("application/json")
                .body(review(5, "Läuft seit einem Jahr stabil.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(201).body("stars", equalTo(5)).body("authorAgs", equalTo(adopter))
                .body("authorName", equalTo("Erfahrungsstadt")).body("id", notNullValue());

        given().when().get("/api/solutions/{id}/reviews", solution)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].report", equalTo("Läuft seit einem Jahr stabil."));
        given().when().get("/api/solutions/{id}", solution)
                .then().body("rating.count", equalTo(1)).body("rating.average", equalTo(5.0f));
    }

    @Test
    void oneReviewPerMunicipalityWhichItsAuthorEdits() {
        String provider = registeredMunicipality("Einmalstadt");
        String solution = publishedSolution(provider, "Einmal bewertet");
        String first = registeredMunicipality("Erststadt");
        String second = registeredMunicipality("Zweitstadt");
        activeLicence(solution, first);
        activeLicence(solution, second);

        String reviewId = given().auth().oauth2(TestTokens.adopter(first)).contentType("application/json")
                .body(review(4, "Gut dokumentiert.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.provider(second)).contentType("application/json")
                .body(review(5, "Sehr hilfreich.")).when().post("/api/solutions/{id}/reviews", solution).then().statusCode(201);
        given().when().get("/api/solutions/{id}", solution).then().body("rating.average", equalTo(4.5f)).body("rating.count", equalTo(2));

        given().auth().oauth2(TestTokens.adopter(first)).contentType("application/json")
                .body(review(1, "Noch einmal.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(409).body("reviewId", equalTo(reviewId));

        given().auth().oauth2(TestTokens.adopter(first)).contentType("application/json")
                .body(review(2, "Nach dem Update instabil.")).when().put("/api/solutions/{id}/reviews/{r}", solution, reviewId)
                .then().statusCode(200).body("stars", equalTo(2)).body("report", equalTo("Nach dem Update instabil."));
        given().when().get("/api/solutions/{id}", solution).then().body("rating.average", equalTo(3.5f)).body("rating.count", equalTo(2));

        given().auth().oauth2(TestTokens.adopter(second)).contentType("application/json")
                .body(review(5, "Fremd geändert.")).when().put("/api/solutions/{id}/reviews/{r}", solution, reviewId)
                .then().statusCode(404);
        given().when().get("/api/solutions/{id}/reviews", solution)
                .then().body("items.report", hasItem("Nach dem Update instabil."));
    }

    @Test
    void aLicenceUnderNoticeMayReviewUntilItHasEnded() {
        String provider = registeredMunicipality("Endstadt");
        String solution = publishedSolution(provider, "Beendet");
        String underNotice = registeredMunicipality("Kündigungsstadt");
        String gone = registeredMunicipality("Ausstiegstadt");
        String noticeLicence = activeLicence(solution, underNotice);
        String endedLicence = activeLicence(solution, gone);
        awaitApplied(LicenseEvents.send("LicenseTerminated", noticeLicence,
                LicenseEvents.terminated(noticeLicence, solution, underNotice, provider)));
        awaitApplied(LicenseEvents.send("LicenseTerminated", endedLicence, LicenseEvents.terminated(endedLicence, solution, gone, provider)));
        given().when().get("/api/solutions/{id}", solution).then().body("adoptionCount", equalTo(2));

        LicenseEvents.send("LicenseEnded", endedLicence, LicenseEvents.ended(endedLicence, solution, gone, provider));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/solutions/{id}", solution)
                .then().body("adoptionCount", equalTo(1)));

        given().auth().oauth2(TestTokens.adopter(underNotice)).contentType("application/json")
                .body(review(4, "Gekündigt, läuft aber bis zum Ende gut.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.adopter(gone)).contentType("application/json")
                .body(review(3, "Zu spät.")).when().post("/api/solutions/{id}/reviews", solution).then().statusCode(403);
    }

    private void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = 'catalog-adoptions' and event_id = cast(?1 as uuid)")
                .setParameter(1, eventId).getSingleResult()).intValue() == 1));
    }

    @Test
    void invalidReviewsAreRefusedNamingTheFieldAndNothingIsStored() {
        String provider = registeredMunicipality("Formstadt");
        String solution = publishedSolution(provider, "Formsache");
        String adopter = registeredMunicipality("Schreibstadt");
        activeLicence(solution, adopter);
        String token = TestTokens.adopter(adopter);
        Map<Map<String, Object>, String> refusals = Map.of(
                review(0, "Null Sterne."), "stars",
                review(6, "Sechs Sterne."), "stars",
                review("fünf", "Text"), "stars",
                review(5, null), "report",
                review(5, " "), "report",
                review(5, "x".repeat(5001)), "report");
        refusals.forEach((body, field) -> given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field)));
        given().when().get("/api/solutions/{id}", solution).then().body("rating.count", equalTo(0)).body("rating.average", nullValue());
    }

    @Test
    void rolesAndVisibilityOfReviews() {
        String provider = registeredMunicipality("Rollenreviewstadt");
        String solution = publishedSolution(provider, "Rollen");
        String drafted = draft(TestTokens.provider(provider), readySolution("Entwurf ohne Reviews"));
        given().contentType("application/json").body(review(5, "Anonym.")).when().post("/api/solutions/{id}/reviews", solution)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.operator("komm-one")).contentType("application/json").body(review(5, "Betreiber."))
                .when().post("/api/solutions/{id}/reviews", solution).then().statusCode(403);
        given().auth().oauth2(TestTokens.adopter(provider)).contentType("application/json").body(review(5, "Entwurf."))
                .when().post("/api/solutions/{id}/reviews", drafted).then().statusCode(404);
        given().when().get("/api/solutions/{id}/reviews", drafted).then().statusCode(404);
        given().when().get("/api/solutions/{id}/reviews", solution).then().statusCode(200).body("items", empty());
    }
}

package de.kommunalmarkt.catalog.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MunicipalityResourceTest {

    static String body(String ags, String name, long inhabitants, String leitwegId) {
        return """
                {"ags":"%s","name":"%s","inhabitants":%d,"leitwegId":"%s",
                 "billingAddress":{"street":"Rathausplatz 1","postalCode":"50667","city":"%s","countryCode":"DE"},
                 "contactEmail":"it@%s.example"}""".formatted(ags, name, inhabitants, leitwegId, name, name.toLowerCase());
    }

    @Test
    void adminRegistersAMunicipalityAndMunicipalityRegisteredLeavesThroughTheOutbox() {
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);

            given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json")
                    .body(body("05315000", "Köln", 1_080_000, "05315000-KM001-20"))
                    .when().post("/api/municipalities")
                    .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/municipalities/05315000"))
                    .body("ags", equalTo("05315000")).body("inhabitants", equalTo(1_080_000));

            List<KafkaEvents.Received> events = kafka.readFrom(from, Duration.ofSeconds(10),
                    r -> r.stream().anyMatch(e -> "05315000".equals(e.key())));
            KafkaEvents.Received event = events.stream().filter(e -> "05315000".equals(e.key())).findFirst().orElseThrow();
            assertThat(event.header("ce_type")).isEqualTo("MunicipalityRegistered");
            assertThat(event.header("ce_source")).isEqualTo("catalog-service");
            assertThat(event.value()).contains("\"leitwegId\":\"05315000-KM001-20\"").contains("\"inhabitants\":1080000");
        }

        given().auth().oauth2(TestTokens.adopter("08421000")).when().get("/api/municipalities/05315000")
                .then().statusCode(200).body("name", equalTo("Köln"));
        given().auth().oauth2(TestTokens.adopter("08421000")).queryParam("q", "köl").when().get("/api/municipalities")
                .then().statusCode(200).body("items.ags", hasItem("05315000")).body("page", equalTo(0)).body("size", equalTo(20));
    }

    @Test
    void onlyMarketplaceAdminsRegisterAndOnlyLoggedInUsersRead() {
        given().auth().oauth2(TestTokens.provider("05315000")).contentType("application/json")
                .body(body("09162000", "München", 1_510_000, "05315000-KM001-20"))
                .when().post("/api/municipalities").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(body("09162000", "München", 1_510_000, "05315000-KM001-20"))
                .when().post("/api/municipalities").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/municipalities").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/municipalities").then().statusCode(401);
    }

    @Test
    void invalidMunicipalitiesAreRefusedNamingTheField() {
        String admin = TestTokens.marketplaceAdmin();
        given().auth().oauth2(admin).contentType("application/json").body(body("17000000", "Nirgendwo", 10, "05315000-KM001-20"))
                .when().post("/api/municipalities").then().statusCode(400).body("violations.field", hasItem("ags"));
        given().auth().oauth2(admin).contentType("application/json").body(body("09564000", "Nürnberg", 0, "05315000-KM001-20"))
                .when().post("/api/municipalities").then().statusCode(400).body("violations.field", hasItem("inhabitants"));
        given().auth().oauth2(admin).contentType("application/json").body(body("09564000", "Nürnberg", 518_000, "05315000-KM001-21"))
                .when().post("/api/municipalities").then().statusCode(400).body("violations.field", hasItem("leitwegId"));
        given().auth().oauth2(admin).when().get("/api/municipalities/09564000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void contactAddressesWithInvisibleCharactersAreRefused() {
        String admin = TestTokens.marketplaceAdmin();
        String valid = body("09565000", "Schwabach", 41_000, "05315000-KM001-20");
        for (String spoofed : new String[] {"it@schw\\u200babach.example", "it@schwabach.example\\ufeff", "it\\u00a0@schwabach.example", ""}) {
            given().auth().oauth2(admin).contentType("application/json").body(valid.replace("it@schwabach.example", spoofed))
                    .when().post("/api/municipalities").then().statusCode(400).body("violations.field", hasItem("contactEmail"));
        }
        given().auth().oauth2(admin).when().get("/api/municipalities/09565000").then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/json").body(valid.replace("it@schwabach.example", "jörg@schwabach.example"))
                .when().post("/api/municipalities").then().statusCode(201).body("contactEmail", equalTo("jörg@schwabach.example"));
    }

    @Test
    void registeringTwiceIsAConflictAndUpdateEmitsMunicipalityUpdated() {
        String admin = TestTokens.marketplaceAdmin();
        given().auth().oauth2(admin).contentType("application/json").body(body("08421000", "Ulm", 128_000, "04011000-1234512345-06"))
                .when().post("/api/municipalities").then().statusCode(201);
        given().auth().oauth2(admin).contentType("application/json").body(body("08421000", "Ulm", 128_000, "04011000-1234512345-06"))
                .when().post("/api/municipalities").then().statusCode(409);
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            given().auth().oauth2(admin).contentType("application/json").body(body("08421000", "Ulm", 129_000, "04011000-1234512345-06"))
                    .when().put("/api/municipalities/08421000").then().statusCode(200).body("inhabitants", equalTo(129_000));
            var events = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> "08421000".equals(e.key())));
            assertThat(events).anyMatch(e -> "MunicipalityUpdated".equals(e.header("ce_type")) && e.value().contains("129000"));
        }
        given().auth().oauth2(admin).contentType("application/json").body(body("08421000", "Ulm", 129_000, "04011000-1234512345-06"))
                .when().put("/api/municipalities/09461000").then().statusCode(400);
    }
}

package de.kommunalmarkt.catalog.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperatorResourceTest {

    static Map<String, Object> operator(String id, String type, List<String> states, int capacity) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", "Betreiber " + id);
        o.put("operatorType", type);
        o.put("statesServed", states);
        o.put("capacity", capacity);
        o.put("contactEmail", "betrieb@" + id + ".example.org");
        return o;
    }

    static String newId() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void adminRegistersAnOperatorAndOperatorRegisteredLeavesThroughTheOutbox() {
        String id = newId();
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json")
                    .body(operator(id, "REGIONAL_IT_PROVIDER", List.of("09", "08", "08"), 12))
                    .when().post("/api/operators")
                    .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/operators/" + id))
                    .body("operatorType", equalTo("REGIONAL_IT_PROVIDER"))
                    .body("statesServed", contains("08", "09"))
                    .body("capacity", equalTo(12));

            var events = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> id.equals(e.key())));
            var event = events.stream().filter(e -> id.equals(e.key())).findFirst().orElseThrow();
            assertThat(event.header("ce_type")).isEqualTo("OperatorRegistered");
            assertThat(event.value()).contains("\"operatorType\":\"REGIONAL_IT_PROVIDER\"").contains("\"statesServed\":[\"08\",\"09\"]");
        }
        given().auth().oauth2(TestTokens.operator(id)).when().get("/api/operators/{id}", id)
                .then().statusCode(200).body("name", equalTo("Betreiber " + id));
    }

    @Test
    void updateChangesCapacityAndEmitsOperatorUpdated() {
        String id = newId();
        String admin = TestTokens.marketplaceAdmin();
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("05"), 2))
                .when().post("/api/operators").then().statusCode(201);
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("05"), 2))
                .when().post("/api/operators").then().statusCode(409).contentType("application/problem+json");
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("05", "06"), 5))
                    .when().put("/api/operators/{id}", id).then().statusCode(200).body("capacity", equalTo(5));
            var events = kafka.readFrom(from, Duration.ofSeconds(10), r -> r.stream().anyMatch(e -> id.equals(e.key())));
            assertThat(events).anyMatch(e -> id.equals(e.key()) && "OperatorUpdated".equals(e.header("ce_type"))
                    && e.value().contains("\"capacity\":5"));
        }
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("05"), 5))
                .when().put("/api/operators/{id}", "someone-else").then().statusCode(400).body("violations.field", hasItem("id"));
        given().auth().oauth2(admin).contentType("application/json").body(operator("nobody-" + id, "CIVIL_SOCIETY", List.of("05"), 5))
                .when().put("/api/operators/{id}", "nobody-" + id).then().statusCode(404);
    }

    @Test
    void theListFiltersByTypeAndState() {
        String admin = TestTokens.marketplaceAdmin();
        String regional = newId();
        String privateOne = newId();
        given().auth().oauth2(admin).contentType("application/json").body(operator(regional, "REGIONAL_IT_PROVIDER", List.of("16"), 3))
                .when().post("/api/operators").then().statusCode(201);
        given().auth().oauth2(admin).contentType("application/json").body(operator(privateOne, "PRIVATE_IT_PROVIDER", List.of("16"), 3))
                .when().post("/api/operators").then().statusCode(201);
        given().auth().oauth2(TestTokens.adopter("08421000")).queryParam("type", "REGIONAL_IT_PROVIDER").queryParam("state", "16")
                .queryParam("size", 200).when().get("/api/operators")
                .then().statusCode(200)
                .body("items.id", hasItem(regional)).body("items.id", not(hasItem(privateOne)))
                .body("items.operatorType", everyItem(equalTo("REGIONAL_IT_PROVIDER")))
                .body("size", equalTo(200));
        given().auth().oauth2(TestTokens.adopter("08421000")).queryParam("type", "ROBOTS").when().get("/api/operators")
                .then().statusCode(400).body("violations.field", hasItem("type"));
        given().auth().oauth2(TestTokens.adopter("08421000")).queryParam("state", "17").when().get("/api/operators")
                .then().statusCode(400).body("violations.field", hasItem("state"));
    }

    @Test
    void onlyMarketplaceAdminsWriteAndOnlyLoggedInUsersRead() {
        given().auth().oauth2(TestTokens.provider("05315000")).contentType("application/json")
                .body(operator(newId(), "CIVIL_SOCIETY", List.of("05"), 1)).when().post("/api/operators")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.operator("komm-one")).contentType("application/json")
                .body(operator("komm-one", "CIVIL_SOCIETY", List.of("05"), 1)).when().put("/api/operators/komm-one")
                .then().statusCode(403);
        given().when().get("/api/operators").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/operators/komm-one").then().statusCode(401);
    }

    @Test
    void invalidOperatorsAreRefusedNamingTheFieldAndNothingIsStored() {
        String admin = TestTokens.marketplaceAdmin();
        String id = newId();
        given().auth().oauth2(admin).contentType("application/json").body(operator("Not A Slug", "CIVIL_SOCIETY", List.of("05"), 1))
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("id"));
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("05"), 0))
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("capacity"));
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of(), 1))
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("statesServed"));
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "CIVIL_SOCIETY", List.of("17"), 1))
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("statesServed[0]"));
        given().auth().oauth2(admin).contentType("application/json").body(operator(id, "ROBOT_FARM", List.of("05"), 1))
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("operatorType"));
        Map<String, Object> tooLong = operator(id, "CIVIL_SOCIETY", List.of("05"), 1);
        tooLong.put("name", "x".repeat(201));
        given().auth().oauth2(admin).contentType("application/json").body(tooLong)
                .when().post("/api/operators").then().statusCode(400).body("violations.field", hasItem("name"));
        given().auth().oauth2(admin).when().get("/api/operators/{id}", id).then().statusCode(404);
    }
}

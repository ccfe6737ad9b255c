package de.kommunalmarkt.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import de.kommunalmarkt.common.CommonTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CommonTestProfile.class)
class ProblemMappersTest {

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post("/test/problems").then();
    }

    @Test
    void validBodyPasses() {
        post("{\"name\":\"ok\",\"ags\":\"05315000\",\"count\":1,\"startsOn\":\"2026-11-30\",\"tiers\":[{\"monthlyFee\":1.5}]}")
                .statusCode(200).body("name", equalTo("ok"));
    }

    @Test
    void beanValidationNamesEachField() {
        post("{\"name\":\"\",\"ags\":\"99999999\",\"count\":1,\"tiers\":[{\"monthlyFee\":1},{\"monthlyFee\":-1}]}")
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("https://kommunalmarkt.de/problems/validation"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("ags"))
                .body("violations.field", hasItem("tiers[1].monthlyFee"))
                .body("violations.find { it.field == 'ags' }.message", equalTo("must be an 8-digit AGS"));
    }

    @Test
    void missingBodyIsAValidationError() {
        given().contentType("application/json").when().post("/test/problems").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void malformedAndTruncatedJsonIs400() {
        post("{\"name\":\"x\",").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://kommunalmarkt.de/problems/malformed-json"));
        post("not json at all").statusCode(400).contentType("application/problem+json");
        post("{\"name\":\"a\",\"ags\":\"05315000\",\"count\":1} trailing").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongTypesAndUnknownFieldsNameTheField() {
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":\"many\"}").statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("count"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1.5}").statusCode(400)
                .body("violations[0].field", equalTo("count"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":null}").statusCode(400)
                .body("violations[0].field", equalTo("count"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"startsOn\":\"2026-02-30\"}").statusCode(400)
                .body("violations[0].field", equalTo("startsOn"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"admin\":true}").statusCode(400)
                .body("violations[0].field", equalTo("admin")).body("detail", containsString("unknown field"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":99999999999999999999}").statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aDuplicatedKeyIs400NamingTheKey() {
        post("{\"name\":\"x\",\"name\":\"x\",\"ags\":\"05315000\",\"count\":1}").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kommunalmarkt.de/problems/malformed-json"))
                .body("violations[0].field", equalTo("name"))
                .body("detail", containsString("name"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"count\":2}").statusCode(400)
                .body("violations[0].field", equalTo("count"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"tiers\":[{\"monthlyFee\":1},{\"monthlyFee\":1,\"monthlyFee\":2}]}")
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("tiers[1].monthlyFee"));
    }

    @Test
    void scalarsAreNotConvertedBetweenTextNumberAndBoolean() {
        post("{\"name\":42,\"ags\":\"05315000\",\"count\":1}").statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("name"));
        post("{\"name\":true,\"ags\":\"05315000\",\"count\":1}").statusCode(400)
                .body("violations[0].field", equalTo("name"));
        post("{\"name\":\"x\",\"ags\":5315000,\"count\":1}").statusCode(400)
                .body("violations[0].field", equalTo("ags"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":\"1\"}").statusCode(400)
                .body("violations[0].field", equalTo("count"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"tiers\":[{\"monthlyFee\":\"1.50\"}]}").statusCode(400)
                .body("violations[0].field", equalTo("tiers[0].monthlyFee"));
    }

    @Test
    void datesAreIsoDateStringsOnly() {
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"startsOn\":20260101}").statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("startsOn"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"startsOn\":\"2026-01-01T10:00:00\"}").statusCode(400)
                .body("violations[0].field", equalTo("startsOn"));
        post("{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1,\"startsOn\":\"2026-13-01\"}").statusCode(400)
                .body("violations[0].field", equalTo("startsOn"));
    }

    @Test
    void textWithNulUnpairedSurrogatesOrBidiControlsIsRefusedNamingTheField() {
        for (String flawed : new String[] {"a\\u0000b", "a\\ud800b", "\\udc00", "a\\u202eb", "a\\u2066b"}) {
            post("{\"name\":\"" + flawed + "\",\"ags\":\"05315000\",\"count\":1}").statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("name"));
        }
        post("{\"name\":\"x\",\"ags\":\"05315000\\u0000\",\"count\":1}").statusCode(400)
                .body("violations[0].field", equalTo("ags"));
    }

    @Test
    void wellFormedUnicodeTextPasses() {
        post("{\"name\":\"K\\u00f6ln \\ud83d\\ude00\",\"ags\":\"05315000\",\"count\":1}").statusCode(200)
                .body("name", equalTo("Köln \ud83d\ude00"));
        post("{\"name\":\"Ko\\u0308ln\",\"ags\":\"05315000\",\"count\":1}").statusCode(200)
                .body("name", equalTo("Ko\u0308ln"));
    }

    @Test
    void refusalsCarryTheirExtensionMembers() {
        post("{\"name\":\"conflict\",\"ags\":\"05315000\",\"count\":1}").statusCode(409)
                .contentType("application/problem+json").body("currentState", equalTo("ACTIVE"))
                .body("detail", equalTo("already there"));
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        post("{\"name\":\"boom\",\"ags\":\"05315000\",\"count\":1}").statusCode(500)
                .contentType("application/problem+json").body("detail", not(containsString("internal detail")));
    }

    @Test
    void aLostDatabaseConnectionIs503WithRetryAfterNot500() {
        post("{\"name\":\"db-gone\",\"ags\":\"05315000\",\"count\":1}").statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("https://kommunalmarkt.de/problems/unavailable"))
                .body("detail", containsString("send the request again")).body("detail", not(containsString("08006")));
        post("{\"name\":\"deadlock\",\"ags\":\"05315000\",\"count\":1}").statusCode(503);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().when().get("/test/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/test/problems").then().statusCode(405).contentType("application/problem+json");
        given().contentType("text/plain").body("x").when().post("/test/problems").then().statusCode(415)
                .contentType("application/problem+json");
    }
}

package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.municipality;
import static de.kommunalmarkt.catalog.Fixtures.randomAgs;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog's share of issue #9's hostile-input defects, through its real endpoints: a duplicated JSON
 * key, a page deep enough to overflow page × size, and a NUL in the search text were 500s; each is a 400
 * problem naming the key or parameter, and the search still works.
 */
@QuarkusTest
class HostileRequestTest {

    /** The body with {@code member} written once more as its first member. */
    private static String withDuplicate(Map<String, Object> body, String member) throws JsonProcessingException {
        String json = new ObjectMapper().writeValueAsString(body);
        return "{" + member + "," + json.substring(1);
    }

    private static void namesTheField(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field))
                .body("detail", containsString(field));
    }

    @Test
    void aSolutionWithADuplicatedKeyIs400NamingTheKey() throws JsonProcessingException {
        String provider = TestTokens.provider(registeredMunicipality("Doppelstadt"));
        namesTheField(given().auth().oauth2(provider).contentType("application/json")
                .body(withDuplicate(readySolution("Doppelt"), "\"name\":\"Doppelt\"")).when().post("/api/solutions").then(), "name");
    }

    @Test
    void aMunicipalityWithADuplicatedKeyIs400NamingTheKey() throws JsonProcessingException {
        String ags = randomAgs();
        namesTheField(given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json")
                .body(withDuplicate(municipality(ags, "Doppelstadt", 1_000), "\"inhabitants\":1000"))
                .when().post("/api/municipalities").then(), "inhabitants");
        given().auth().oauth2(TestTokens.marketplaceAdmin()).when().get("/api/municipalities/{ags}", ags).then().statusCode(404);
    }

    @Test
    void aPageSoDeepThatPageTimesSizeOverflowsIs400NamingPage() {
        namesTheField(given().queryParam("page", 20_000_000).queryParam("size", 200).when().get("/api/solutions").then(), "page");
        namesTheField(given().queryParam("page", -1).when().get("/api/solutions").then(), "page");
        namesTheField(given().queryParam("page", "x").when().get("/api/solutions").then(), "page");
        given().queryParam("page", 49_999).queryParam("size", 200).when().get("/api/solutions").then().statusCode(200)
                .body("page", equalTo(49_999));
    }

    @Test
    void aNulInTheSearchTextIs400NamingQ() {
        namesTheField(given().urlEncodingEnabled(false).when().get("/api/solutions?q=%00").then(), "q");
        namesTheField(given().urlEncodingEnabled(false).when().get("/api/solutions?q=Rat%00haus").then(), "q");
        namesTheField(given().auth().oauth2(TestTokens.marketplaceAdmin()).urlEncodingEnabled(false).when()
                .get("/api/municipalities?q=%01").then(), "q");
        given().urlEncodingEnabled(false).when().get("/api/solutions?q=K%C3%B6ln").then().statusCode(200);
    }

    @Test
    void aNulInASolutionIdIs400NamingId() {
        namesTheField(given().urlEncodingEnabled(false).when().get("/api/solutions/a%00b").then(), "id");
        namesTheField(given().urlEncodingEnabled(false).when().get("/api/solutions/a%00b/reviews").then(), "id");
    }
}

package de.kommunalmarkt.billing.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is a clear 4xx naming what is wrong, and starts nothing. */
@QuarkusTest
class BillingRunInputTest {

    @Inject
    Periods periods;

    static final String ADMIN = TestTokens.billingAdmin();

    @ParameterizedTest
    @ValueSource(strings = {"{\"period\":\"2025-13\"}", "{\"period\":\"25-01\"}", "{\"period\":\"2025-1\"}",
            "{\"period\":\"\"}", "{}", "{\"period\":null}", "{\"period\":202501}"})
    void aMalformedPeriodIsRefusedNamingIt(String body) {
        given().auth().oauth2(ADMIN).contentType("application/json").body(body)
                .when().post("/api/billing-runs")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("period"));
    }

    @Test
    void unknownFieldsAndNoBodyAreRefused() {
        given().auth().oauth2(ADMIN).contentType("application/json").body("{\"period\":\"2024-01\",\"dryRun\":true}")
                .when().post("/api/billing-runs").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType("application/json")
                .when().post("/api/billing-runs").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aMonthThatIsNotOverCannotBeBilled() {
        YearMonth now = YearMonth.from(periods.today());
        for (YearMonth month : new YearMonth[] {now, now.plusMonths(1), now.plusYears(3)}) {
            given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("period", month.toString()))
                    .when().post("/api/billing-runs")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("violations.field", hasItem("period"))
                    .body("detail", containsString("has not ended yet"));
        }
        given().auth().oauth2(ADMIN).queryParam("period", now.plusMonths(1).toString()).when().get("/api/invoices")
                .then().statusCode(422);
        given().auth().oauth2(ADMIN).queryParam("period", now.toString()).when().get("/api/statements")
                .then().statusCode(422);
    }

    @Test
    void onlyBillingAdminsStartRunsAndARefusedStartLeavesNoRun() {
        given().auth().oauth2(TestTokens.adopter("05315000")).contentType("application/json")
                .body(Map.of("period", "2020-01")).when().post("/api/billing-runs").then().statusCode(403);
        given().contentType("application/json").body(Map.of("period", "2020-01"))
                .when().post("/api/billing-runs").then().statusCode(401);
        assertThat(BillingApi.get(ADMIN, "/api/billing-runs", Map.of("period", "2020-01")).getList("items")).isEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        given().auth().oauth2(ADMIN).when().get("/api/billing-runs/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).when().get("/api/billing-runs/no-such-run").then().statusCode(404);
        given().auth().oauth2(ADMIN).when().get("/api/invoices/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(ADMIN).when().get("/api/invoices/" + UUID.randomUUID() + "/xrechnung").then().statusCode(404);
    }

    @Test
    void malformedQueryParametersAreRefusedNamingThem() {
        given().auth().oauth2(ADMIN).queryParam("period", "2025-1").when().get("/api/invoices")
                .then().statusCode(400).body("violations.field", hasItem("period"));
        given().auth().oauth2(ADMIN).queryParam("municipality", "123").when().get("/api/invoices")
                .then().statusCode(400).body("violations.field", hasItem("municipality"));
        given().auth().oauth2(ADMIN).queryParam("size", 500).when().get("/api/invoices").then().statusCode(400);
        given().auth().oauth2(ADMIN).when().get("/api/statements")
                .then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().auth().oauth2(ADMIN).queryParam("period", "Mai 2025").when().get("/api/statements")
                .then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().auth().oauth2(ADMIN).queryParam("period", "2025-01").queryParam("provider", "x").when().get("/api/statements")
                .then().statusCode(400).body("violations[0].field", equalTo("provider"));
    }
}

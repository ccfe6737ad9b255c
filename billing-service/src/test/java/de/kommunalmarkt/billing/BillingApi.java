package de.kommunalmarkt.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The billing REST API as a billing admin uses it in tests. */
public final class BillingApi {

    private BillingApi() {
    }

    /** The body, amounts read as BigDecimal so that {@code getString} shows them as sent ({@code "150.00"}). */
    public static JsonPath json(ValidatableResponse response) {
        return new JsonPath(response.extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** GET as the holder of the token, expecting 200. */
    public static JsonPath get(String token, String path, Map<String, ?> query) {
        return json(given().auth().oauth2(token).queryParams(query).when().get(path).then().statusCode(200));
    }

    /** POSTs the run of the period; returns the run as answered (202). */
    public static JsonPath startRun(String period) {
        return json(given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("period", period))
                .when().post("/api/billing-runs")
                .then().statusCode(202));
    }

    public static JsonPath run(String runId) {
        return get(TestTokens.billingAdmin(), "/api/billing-runs/" + runId, Map.of());
    }

    public static JsonPath awaitCompleted(String runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(run(runId).getString("state")));
        return run(runId);
    }

    /** Starts the run of the period and waits until it is completed. */
    public static JsonPath bill(String period) {
        return awaitCompleted(startRun(period).getString("id"));
    }

    /** Every invoice of the period, as the billing admin lists them. */
    public static List<Map<String, Object>> invoices(String period) {
        return get(TestTokens.billingAdmin(), "/api/invoices", Map.of("period", period, "size", 200)).getList("items");
    }

    public static JsonPath invoice(String id) {
        return get(TestTokens.billingAdmin(), "/api/invoices/" + id, Map.of());
    }
}

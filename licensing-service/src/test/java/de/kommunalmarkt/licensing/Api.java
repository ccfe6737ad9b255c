package de.kommunalmarkt.licensing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.Map;

/** The licensing REST calls tests make again and again, as the clients would make them. */
public final class Api {

    public static ValidatableResponse requestLicence(String token, String solutionId, String planId, String operatorId) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("solutionId", solutionId, "planId", planId, "operatorId", operatorId))
                .when().post("/api/licenses").then();
    }

    public static ValidatableResponse post(String token, String path, Object body) {
        var request = given().auth().oauth2(token).contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        return request.when().post(path).then();
    }

    public static ValidatableResponse get(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then();
    }

    public static ValidatableResponse approve(String providerToken, String licenseId) {
        return post(providerToken, "/api/licenses/" + licenseId + "/approve", null);
    }

    public static ValidatableResponse accept(String operatorToken, String deploymentId) {
        return post(operatorToken, "/api/deployments/" + deploymentId + "/accept", null);
    }

    public static ValidatableResponse complete(String operatorToken, String deploymentId, LocalDate liveOn) {
        return post(operatorToken, "/api/deployments/" + deploymentId + "/complete", Map.of("liveOn", liveOn.toString()));
    }

    public static ValidatableResponse fail(String operatorToken, String deploymentId, String reason) {
        return post(operatorToken, "/api/deployments/" + deploymentId + "/fail", Map.of("reason", reason));
    }

    private Api() {
    }
}

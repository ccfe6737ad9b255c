package de.kommunalmarkt.licensing.deployment;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.post;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentStreamTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @TestHTTPResource("/api/deployments/stream")
    URL stream;

    @Test
    void anOperatorReadsItsEventsHangsUpAndResumesWithLastEventIdWithoutGapsOrRepeats() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
        String otherOperator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
        String token = TestTokens.operator(operator);
        List<String> deployments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deployments.add(requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator)
                    .statusCode(201).extract().path("deployment.id"));
        }
        requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), otherOperator).statusCode(201);

        List<SseClient.Event> first;
        try (SseClient client = SseClient.connect(stream.toURI(), token, null)) {
            assertThat(client.status).isEqualTo(200);
            first = client.next(3, Duration.ofSeconds(10));
        }
        assertThat(first).extracting(SseClient.Event::id).containsExactly("1", "2", "3");
        assertThat(first).extracting(SseClient.Event::name).containsOnly("DeploymentRequested");
        assertThat(first).allSatisfy(e -> assertThat(e.data()).contains("\"operatorId\":\"" + operator + "\""));
        assertThat(first.get(0).data()).contains("\"deploymentId\":\"" + deployments.get(0) + "\"");

        // while disconnected, the operator accepts one
        accept(token, deployments.get(0)).statusCode(200);

        try (SseClient client = SseClient.connect(stream.toURI(), token, "3")) {
            CompletableFuture<List<SseClient.Event>> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.next(4, Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // and live, after the replay: one more while connected
            accept(token, deployments.get(1)).statusCode(200);
            List<SseClient.Event> resumed = rest.get();
            assertThat(resumed).extracting(SseClient.Event::id).containsExactly("4", "5", "6", "7");
            assertThat(resumed).extracting(SseClient.Event::name)
                    .containsExactly("DeploymentRequested", "DeploymentRequested", "DeploymentAccepted", "DeploymentAccepted");
            assertThat(resumed.get(2).data()).contains("\"deploymentId\":\"" + deployments.get(0) + "\"");
            assertThat(resumed.get(3).data()).contains("\"deploymentId\":\"" + deployments.get(1) + "\"");
            assertThat(client.next(1, Duration.ofSeconds(1))).as("nothing repeated, nothing more").isEmpty();
        }

        try (SseClient other = SseClient.connect(stream.toURI(), TestTokens.operator(otherOperator), null)) {
            List<SseClient.Event> events = other.next(2, Duration.ofSeconds(1));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).data()).contains("\"operatorId\":\"" + otherOperator + "\"").doesNotContain(operator + "\"");
        }
    }

    @Test
    void anOperatorSeesOnItsStreamThatADeploymentItWasAskedForIsCancelledWithTheLicence() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 10);
        String token = TestTokens.operator(operator);
        String adopter = TestTokens.adopter(CatalogEvents.ags());
        var granted = requestLicence(adopter, solution.id(), solution.planId(), operator).statusCode(201).extract();
        String licenseId = granted.path("id");
        String deploymentId = granted.path("deployment.id");
        accept(token, deploymentId).statusCode(200);

        try (SseClient client = SseClient.connect(stream.toURI(), token, null)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.next(2, Duration.ofSeconds(10))).extracting(SseClient.Event::name)
                    .containsExactly("DeploymentRequested", "DeploymentAccepted");

            post(adopter, "/api/licenses/" + licenseId + "/cancel", null).statusCode(200);

            List<SseClient.Event> live = client.next(1, Duration.ofSeconds(10));
            assertThat(live).extracting(SseClient.Event::id, SseClient.Event::name).containsExactly(tuple("3", "DeploymentCancelled"));
            JsonNode data = CatalogEvents.JSON.readTree(live.get(0).data());
            assertThat(EventSchemas.validate(EventType.DEPLOYMENT_CANCELLED, data)).isEmpty();
            assertThat(data.get("deploymentId").asText()).isEqualTo(deploymentId);
            assertThat(data.get("licenseId").asText()).isEqualTo(licenseId);
            assertThat(data.get("operatorId").asText()).isEqualTo(operator);
        }
        get(token, "/api/deployments/" + deploymentId).statusCode(200).body("state", equalTo("CANCELLED"));
    }

    @Test
    void onlyOperatorsStreamAndTheLastEventIdMustBeANumber() throws Exception {
        given().auth().oauth2(TestTokens.adopter(CatalogEvents.ags())).accept("text/event-stream")
                .when().get("/api/deployments/stream").then().statusCode(403);
        given().accept("text/event-stream").when().get("/api/deployments/stream").then().statusCode(401);
        given().auth().oauth2(TestTokens.operator(CatalogEvents.operatorId())).header("Last-Event-ID", "abc").accept("text/event-stream")
                .when().get("/api/deployments/stream").then().statusCode(400);
    }
}

package de.kommunalmarkt.licensing.license;

import static de.kommunalmarkt.licensing.Api.approve;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.post;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.licensing.Parallel;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LicenseResourceTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @Test
    void anAutoApprovedRequestIsGrantedAtOnceWithFrozenTermsAndADeploymentRequested() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL, CatalogEvents.flatPlan(12, 90));
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = CatalogEvents.ags();

        String id = requestLicence(TestTokens.adopter(adopter), solution.id(), solution.planId(), operator)
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/licenses/")).extract().path("id");
        get(TestTokens.adopter(adopter), "/api/licenses/" + id).statusCode(200)
                .body("state", equalTo("GRANTED"))
                .body("adopterAgs", equalTo(adopter)).body("providerAgs", equalTo(solution.providerAgs()))
                .body("approvalPolicy", equalTo("AUTO")).body("grantedAt", notNullValue())
                .body("terms.planId", equalTo(solution.planId())).body("terms.model", equalTo("FLAT"))
                .body("terms.minimumTermMonths", equalTo(12)).body("terms.noticePeriodDays", equalTo(90))
                .body("terms.vatCategory", equalTo("S")).body("terms.currency", equalTo("EUR"))
                .body("deployment.state", equalTo("REQUESTED")).body("deployment.operatorId", equalTo(operator))
                .body("history.action", contains("REQUEST", "APPROVE"))
                .body("history[0].to", equalTo("REQUESTED")).body("history[1].from", equalTo("REQUESTED"))
                .body("history[1].to", equalTo("GRANTED")).body("history[1].by", equalTo("auto-approval"));
    }

    @Test
    void aManualRequestWaitsForTheSolutionsProviderWhoGrantsIt() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = CatalogEvents.ags();
        String id = requestLicence(TestTokens.adopter(adopter), solution.id(), solution.planId(), operator)
                .statusCode(201).body("state", equalTo("REQUESTED")).body("deployment", nullValue()).body("grantedAt", nullValue())
                .extract().path("id");

        approve(TestTokens.provider(CatalogEvents.ags()), id).statusCode(404).contentType("application/problem+json");
        approve(TestTokens.adopter(adopter), id).statusCode(403);
        approve(TestTokens.provider(adopter), id).statusCode(403);
        approve(TestTokens.provider(solution.providerAgs()), id).statusCode(200)
                .body("state", equalTo("GRANTED")).body("deployment.state", equalTo("REQUESTED"))
                .body("history[1].by", equalTo("provider-" + solution.providerAgs()));
        approve(TestTokens.provider(solution.providerAgs()), id).statusCode(409)
                .contentType("application/problem+json").body("currentState", equalTo("GRANTED"));
    }

    @Test
    void theProviderRejectsWithAReasonAndTheMunicipalityMayRequestAgain() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopter = CatalogEvents.ags();
        String provider = TestTokens.provider(solution.providerAgs());
        String id = requestLicence(TestTokens.adopter(adopter), solution.id(), solution.planId(), operator)
                .statusCode(201).extract().path("id");

        post(provider, "/api/licenses/" + id + "/reject", Map.of("reason", " ")).statusCode(400).body("violations.field", hasItem("reason"));
        post(provider, "/api/licenses/" + id + "/reject", null).statusCode(400);
        post(provider, "/api/licenses/" + id + "/reject", Map.of("reason", "Betrieb nur in Bayern"))
                .statusCode(200).body("state", equalTo("REJECTED")).body("rejectionReason", equalTo("Betrieb nur in Bayern"));
        approve(provider, id).statusCode(409).body("currentState", equalTo("REJECTED"));
        get(provider, "/api/licenses/" + id).body("state", equalTo("REJECTED")).body("history.action", contains("REQUEST", "REJECT"));

        requestLicence(TestTokens.adopter(adopter), solution.id(), solution.planId(), operator).statusCode(201);
    }

    @Test
    void requestsForWhatLicensingDoesNotKnowOrThatTheCatalogForbidsAreRefusedNamingTheField() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        TestSolution other = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String civil = CatalogEvents.registerOperator(OperatorType.CIVIL_SOCIETY, 5);
        String adopter = CatalogEvents.ags();
        String token = TestTokens.adopter(adopter);

        requestLicence(token, UUID.randomUUID().toString(), solution.planId(), operator).statusCode(422)
                .contentType("application/problem+json").body("violations.field", contains("solutionId"));
        requestLicence(token, solution.id(), UUID.randomUUID().toString(), operator).statusCode(422)
                .body("violations.field", contains("planId"));
        requestLicence(token, solution.id(), other.planId(), operator).statusCode(422)
                .body("violations.field", contains("planId")).body("violations[0].message", org.hamcrest.Matchers.containsString("not a plan of solution"));
        requestLicence(token, solution.id(), solution.planId(), "kein-betreiber").statusCode(422)
                .body("violations.field", contains("operatorId"));
        requestLicence(token, solution.id(), solution.planId(), civil).statusCode(422)
                .body("violations.field", contains("operatorId")).body("supportedOperatorTypes", contains("REGIONAL_IT_PROVIDER"));

        get(token, "/api/licenses").statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aSecondOpenLicenceOfTheSameSolutionIsAConflict() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String token = TestTokens.adopter(CatalogEvents.ags());
        String id = requestLicence(token, solution.id(), solution.planId(), operator).statusCode(201).extract().path("id");
        requestLicence(token, solution.id(), solution.planId(), operator).statusCode(409)
                .body("licenseId", equalTo(id)).body("currentState", equalTo("GRANTED"));
        get(token, "/api/licenses").body("total", equalTo(1));
    }

    @Test
    void parallelRequestsOfOneMunicipalityForOneSolutionYieldExactlyOneLicence() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String token = TestTokens.adopter(CatalogEvents.ags());

        List<Integer> statuses = Parallel.run(8, i -> requestLicence(token, solution.id(), solution.planId(), operator)
                .extract().statusCode());

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        get(token, "/api/licenses").body("total", equalTo(1));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String token = TestTokens.adopter(CatalogEvents.ags());
        given().auth().oauth2(token).contentType("application/json").body("{\"solutionId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/licenses").then().statusCode(400).body("violations.field", hasItem("operatorId"));
        given().auth().oauth2(token).contentType("application/json").body("{\"solutionId\":\"abc\",\"planId\":\"" + UUID.randomUUID() + "\",\"operatorId\":\"x\"}")
                .when().post("/api/licenses").then().statusCode(400).body("violations.field", hasItem("solutionId"));
        given().auth().oauth2(token).contentType("application/json").body("{\"solutionId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + UUID.randomUUID() + "\",\"operatorId\":\"Not A Slug\"}")
                .when().post("/api/licenses").then().statusCode(400).body("violations.field", hasItem("operatorId"));
        given().auth().oauth2(token).contentType("application/json").body("{\"solutionId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + UUID.randomUUID() + "\",\"operatorId\":\"x\",\"adopterAgs\":\"05315000\"}")
                .when().post("/api/licenses").then().statusCode(400).body("violations.field", hasItem("adopterAgs"));
        given().auth().oauth2(token).contentType("application/json").body("{")
                .when().post("/api/licenses").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json")
                .when().post("/api/licenses").then().statusCode(400);
        get(token, "/api/licenses?state=OPEN").statusCode(400).body("violations.field", hasItem("state"));
        get(token, "/api/licenses?solutionId=nope").statusCode(400).body("violations.field", hasItem("solutionId"));
        get(token, "/api/licenses?size=500").statusCode(400).body("violations.field", hasItem("size"));
        get(token, "/api/licenses/not-a-uuid").statusCode(404);
        get(token, "/api/licenses/" + UUID.randomUUID()).statusCode(404).contentType("application/problem+json");
        get(token, "/api/licenses").body("total", equalTo(0));
    }

    @Test
    void theTokenDecidesWhoSeesWhichLicence() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        String adopterA = CatalogEvents.ags();
        String adopterB = CatalogEvents.ags();
        String idA = requestLicence(TestTokens.adopter(adopterA), solution.id(), solution.planId(), operator).statusCode(201).extract().path("id");
        String idB = requestLicence(TestTokens.adopter(adopterB), solution.id(), solution.planId(), operator).statusCode(201).extract().path("id");
        approve(TestTokens.provider(solution.providerAgs()), idB).statusCode(200);

        get(TestTokens.adopter(adopterA), "/api/licenses").statusCode(200).body("total", equalTo(1)).body("items.id", contains(idA));
        get(TestTokens.adopter(adopterA), "/api/licenses/" + idB).statusCode(404);
        get(TestTokens.adopter(CatalogEvents.ags()), "/api/licenses/" + idA).statusCode(404);
        get(TestTokens.provider(CatalogEvents.ags()), "/api/licenses/" + idA).statusCode(404);
        String provider = TestTokens.provider(solution.providerAgs());
        get(provider, "/api/licenses?solutionId=" + solution.id()).statusCode(200).body("total", equalTo(2))
                .body("items.id", org.hamcrest.Matchers.containsInAnyOrder(idA, idB));
        get(provider, "/api/licenses?state=REQUESTED&solutionId=" + solution.id()).body("items.id", contains(idA));
        get(provider, "/api/licenses?state=GRANTED&solutionId=" + solution.id()).body("items.id", contains(idB));
        get(provider, "/api/licenses?solutionId=" + solution.id() + "&size=1&page=1").body("items.size()", equalTo(1))
                .body("page", equalTo(1)).body("size", equalTo(1)).body("total", equalTo(2));
        get(provider, "/api/licenses/" + idA).statusCode(200).body("history", notNullValue());
        get(TestTokens.marketplaceAdmin(), "/api/licenses?solutionId=" + solution.id()).body("total", equalTo(2));
        get(TestTokens.marketplaceAdmin(), "/api/licenses/" + idA).statusCode(200);
        get(TestTokens.operator(operator), "/api/licenses/" + idA).statusCode(403);
        get(TestTokens.billingAdmin(), "/api/licenses").statusCode(403);
        given().when().get("/api/licenses/" + idA).then().statusCode(401);
        requestLicence(TestTokens.operator(operator), solution.id(), solution.planId(), operator).statusCode(403);
        requestLicence(TestTokens.token("someone", java.util.Set.of("adopter"), Map.of()), solution.id(), solution.planId(), operator)
                .statusCode(403);
    }

    @Test
    void concurrentDecisionsOnOneRequestLetExactlyOneWin() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 50);
        String provider = TestTokens.provider(solution.providerAgs());
        String id = requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator)
                .statusCode(201).extract().path("id");

        List<Integer> statuses = Parallel.run(8, i -> i % 2 == 0
                ? approve(provider, id).extract().statusCode()
                : post(provider, "/api/licenses/" + id + "/reject", Map.of("reason", "nein")).extract().statusCode());

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        List<String> actions = get(provider, "/api/licenses/" + id).extract().path("history.action");
        assertThat(actions).hasSize(2).startsWith("REQUEST");
        assertThat(CatalogEvents.count("select count(*) from deployment where license_id = ?1", UUID.fromString(id)))
                .isEqualTo("APPROVE".equals(actions.get(1)) ? 1 : 0);
    }

    @Test
    void theAdopterCancelsAGrantedLicenceBeforeActivationAndItsSlotGoesToTheNextInQueue() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        String adopterAgsA = CatalogEvents.ags();
        String adopterA = TestTokens.adopter(adopterAgsA);
        String adopterB = TestTokens.adopter(CatalogEvents.ags());
        ExtractableResponse<Response> grantedA = requestLicence(adopterA, solution.id(), solution.planId(), operator).statusCode(201)
                .body("deployment.state", equalTo("REQUESTED")).extract();
        String idA = grantedA.path("id");
        String deploymentA = grantedA.path("deployment.id");
        String idB = requestLicence(adopterB, solution.id(), solution.planId(), operator).statusCode(201)
                .body("deployment.state", equalTo("QUEUED")).extract().path("id");

        try (KafkaEvents kafka = new KafkaEvents()) {
            var licencesFrom = kafka.endOffsets(Topics.LICENSING_LICENSES);
            var deploymentsFrom = kafka.endOffsets(Topics.LICENSING_DEPLOYMENTS);

            post(adopterB, "/api/licenses/" + idA + "/cancel", null).statusCode(404);
            post(TestTokens.provider(solution.providerAgs()), "/api/licenses/" + idA + "/cancel", null).statusCode(403);
            String cancelledAt = post(adopterA, "/api/licenses/" + idA + "/cancel", null).statusCode(200)
                    .body("state", equalTo("CANCELLED")).body("cancelledAt", notNullValue()).body("deployment.state", equalTo("CANCELLED"))
                    .extract().path("cancelledAt");
            get(adopterB, "/api/licenses/" + idB).body("deployment.state", equalTo("REQUESTED"));
            post(adopterA, "/api/licenses/" + idA + "/cancel", null).statusCode(409).body("currentState", equalTo("CANCELLED"));

            // billing, catalog and anyone following the licence lifecycle learn of the cancellation
            KafkaEvents.Received licenceCancelled = only(kafka.readFrom(licencesFrom, Duration.ofSeconds(20),
                    r -> r.stream().anyMatch(e -> idA.equals(e.key()))), idA);
            assertThat(licenceCancelled.header("ce_type")).isEqualTo("LicenseCancelled");
            assertThat(licenceCancelled.header("ce_subject")).isEqualTo(idA);
            JsonNode licence = CatalogEvents.JSON.readTree(licenceCancelled.value());
            assertThat(EventSchemas.validate(EventType.LICENSE_CANCELLED, licence)).isEmpty();
            assertThat(licence.get("licenseId").asText()).isEqualTo(idA);
            assertThat(licence.get("solutionId").asText()).isEqualTo(solution.id());
            assertThat(licence.get("adopterAgs").asText()).isEqualTo(adopterAgsA);
            assertThat(licence.get("providerAgs").asText()).isEqualTo(solution.providerAgs());
            assertThat(Instant.parse(licence.get("cancelledAt").asText())).isEqualTo(Instant.parse(cancelledAt));

            // the operator that was asked for A's deployment learns it is off; B's gets the freed slot
            var deploymentEvents = kafka.readFrom(deploymentsFrom, Duration.ofSeconds(20), r -> r.stream()
                    .filter(e -> idA.equals(e.key()) || idB.equals(e.key())).count() >= 2);
            KafkaEvents.Received deploymentCancelled = only(deploymentEvents, idA);
            assertThat(deploymentCancelled.header("ce_type")).isEqualTo("DeploymentCancelled");
            assertThat(deploymentCancelled.header("ce_subject")).isEqualTo(deploymentA);
            JsonNode deployment = CatalogEvents.JSON.readTree(deploymentCancelled.value());
            assertThat(EventSchemas.validate(EventType.DEPLOYMENT_CANCELLED, deployment)).isEmpty();
            assertThat(deployment.get("deploymentId").asText()).isEqualTo(deploymentA);
            assertThat(deployment.get("licenseId").asText()).isEqualTo(idA);
            assertThat(deployment.get("operatorId").asText()).isEqualTo(operator);
            assertThat(Instant.parse(deployment.get("cancelledAt").asText())).isEqualTo(Instant.parse(cancelledAt));
            assertThat(only(deploymentEvents, idB).header("ce_type")).isEqualTo("DeploymentRequested");

            // a cancelled licence no longer blocks a new request; cancelling it while its deployment
            // only waits in the queue tells the operator nothing, as it was never asked
            String idA2 = requestLicence(adopterA, solution.id(), solution.planId(), operator).statusCode(201)
                    .body("id", not(equalTo(idA))).body("deployment.state", equalTo("QUEUED")).extract().path("id");
            var licencesBeforeSecondCancel = kafka.endOffsets(Topics.LICENSING_LICENSES);
            post(adopterA, "/api/licenses/" + idA2 + "/cancel", null).statusCode(200).body("deployment.state", equalTo("CANCELLED"));
            assertThat(only(kafka.readFrom(licencesBeforeSecondCancel, Duration.ofSeconds(20),
                    r -> r.stream().anyMatch(e -> idA2.equals(e.key()))), idA2).header("ce_type")).isEqualTo("LicenseCancelled");
            assertThat(CatalogEvents.count("select count(*) from outbox_event where topic = 'licensing.deployments' and record_key = ?1", idA2))
                    .as("deployment events of the licence cancelled while queued").isZero();
        }
    }

    private static KafkaEvents.Received only(List<KafkaEvents.Received> records, String key) {
        List<KafkaEvents.Received> withKey = records.stream().filter(e -> key.equals(e.key())).toList();
        assertThat(withKey).as("records with key %s", key).hasSize(1);
        return withKey.get(0);
    }
}

package de.kommunalmarkt.licensing.deployment;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.complete;
import static de.kommunalmarkt.licensing.Api.fail;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.post;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.licensing.TestClock;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentResourceTest {

    @Inject
    TestClock clock;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Berlin"));
    private static final List<OperatorType> REGIONAL_OR_PRIVATE = List.of(OperatorType.REGIONAL_IT_PROVIDER, OperatorType.PRIVATE_IT_PROVIDER);

    record Granted(String licenseId, String deploymentId, String adopterToken, TestSolution solution) {
    }

    static Granted grant(TestSolution solution, String operator) {
        String adopter = TestTokens.adopter(CatalogEvents.ags());
        var response = requestLicence(adopter, solution.id(), solution.planId(), operator).statusCode(201).extract();
        return new Granted(response.path("id"), response.path("deployment.id"), adopter, solution);
    }

    @Test
    void theOperatorAcceptsAndCompletesAndTheLicenceBecomesActiveOnTheLiveDate() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL_OR_PRIVATE);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String token = TestTokens.operator(operator);
        // granted three days ago: the earliest day it can have gone live
        clock.moveTo(TODAY.minusDays(3));
        Granted g;
        try {
            g = grant(solution, operator);
        } finally {
            clock.reset();
        }

        complete(token, g.deploymentId(), TODAY).statusCode(409).body("currentState", equalTo("REQUESTED"));
        accept(token, g.deploymentId()).statusCode(200).body("state", equalTo("ACCEPTED")).body("acceptedAt", notNullValue());
        accept(token, g.deploymentId()).statusCode(409).body("currentState", equalTo("ACCEPTED"));
        complete(token, g.deploymentId(), TODAY.plusDays(1)).statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("liveOn")).body("latestAllowed", equalTo(TODAY.toString()))
                .body("earliestAllowed", equalTo(TODAY.minusDays(3).toString()));
        complete(token, g.deploymentId(), TODAY.minusDays(4)).statusCode(422).body("violations.field", contains("liveOn"))
                .body("violations[0].message", containsString("the day the licence was granted"))
                .body("earliestAllowed", equalTo(TODAY.minusDays(3).toString()));
        post(token, "/api/deployments/" + g.deploymentId() + "/complete", Map.of()).statusCode(400).body("violations.field", contains("liveOn"));
        post(token, "/api/deployments/" + g.deploymentId() + "/complete", Map.of("liveOn", "28.11.2026")).statusCode(400)
                .body("violations.field", contains("liveOn"));
        get(token, "/api/deployments/" + g.deploymentId()).body("state", equalTo("ACCEPTED"));

        complete(token, g.deploymentId(), TODAY.minusDays(3)).statusCode(200)
                .body("state", equalTo("COMPLETED")).body("liveOn", equalTo(TODAY.minusDays(3).toString()));
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("state", equalTo("ACTIVE"))
                .body("activatedOn", equalTo(TODAY.minusDays(3).toString()))
                .body("history.action", contains("REQUEST", "APPROVE", "ACTIVATE"))
                .body("history[2].by", equalTo("operator-" + operator));
        fail(token, g.deploymentId(), "zu spät").statusCode(409).body("currentState", equalTo("COMPLETED"));
    }

    @Test
    void aLiveDateBeforeTheGrantOrInTheFutureIsRefusedAndTodayIsTheLatest() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL_OR_PRIVATE);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String token = TestTokens.operator(operator);
        Granted g = grant(solution, operator);
        accept(token, g.deploymentId()).statusCode(200);

        complete(token, g.deploymentId(), LocalDate.of(2000, 1, 1)).statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("liveOn")).body("detail", containsString("allowed: from " + TODAY + " through " + TODAY))
                .body("earliestAllowed", equalTo(TODAY.toString())).body("latestAllowed", equalTo(TODAY.toString()));
        complete(token, g.deploymentId(), TODAY.minusDays(1)).statusCode(422).body("violations.field", contains("liveOn"));
        complete(token, g.deploymentId(), TODAY.plusYears(1)).statusCode(422).body("violations.field", contains("liveOn"));
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("state", equalTo("GRANTED")).body("activatedOn", equalTo(null))
                .body("history.action", contains("REQUEST", "APPROVE"));

        complete(token, g.deploymentId(), TODAY).statusCode(200).body("liveOn", equalTo(TODAY.toString()));
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("state", equalTo("ACTIVE")).body("activatedOn", equalTo(TODAY.toString()));
    }

    @Test
    void operatorsSeeOnlyTheirOwnDeploymentsAndAMarketplaceAdminSeesAll() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL_OR_PRIVATE);
        String mine = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String theirs = CatalogEvents.registerOperator(OperatorType.PRIVATE_IT_PROVIDER, 3);
        Granted g = grant(solution, mine);
        Granted other = grant(solution, theirs);

        get(TestTokens.operator(mine), "/api/deployments").statusCode(200).body("total", equalTo(1))
                .body("items.id", contains(g.deploymentId())).body("items[0].licenseId", equalTo(g.licenseId()))
                .body("items[0].solutionId", equalTo(solution.id())).body("items[0].hostingModes", contains("CLOUD", "SAAS"));
        get(TestTokens.operator(mine), "/api/deployments?state=REQUESTED").body("total", equalTo(1));
        get(TestTokens.operator(mine), "/api/deployments?state=ACCEPTED").body("total", equalTo(0));
        get(TestTokens.operator(mine), "/api/deployments?state=DONE").statusCode(400).body("violations.field", contains("state"));
        get(TestTokens.operator(mine), "/api/deployments/" + other.deploymentId()).statusCode(404);
        accept(TestTokens.operator(mine), other.deploymentId()).statusCode(404);
        accept(TestTokens.operator("unbekannt"), other.deploymentId()).statusCode(404);
        get(TestTokens.operator(theirs), "/api/deployments/" + other.deploymentId()).statusCode(200).body("state", equalTo("REQUESTED"));
        get(TestTokens.marketplaceAdmin(), "/api/deployments?size=200").statusCode(200)
                .body("items.id", hasItem(g.deploymentId())).body("items.id", hasItem(other.deploymentId()));
        get(TestTokens.marketplaceAdmin(), "/api/deployments/" + g.deploymentId()).statusCode(200);
        get(g.adopterToken(), "/api/deployments").statusCode(403);
        accept(g.adopterToken(), g.deploymentId()).statusCode(403);
        accept(TestTokens.marketplaceAdmin(), g.deploymentId()).statusCode(403);
        accept(TestTokens.operator(mine), UUID.randomUUID().toString()).statusCode(404);
    }

    @Test
    void theOperatorSeesItsSlotsInUseFreeAndQueuedAsTheyFillAndFree() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL_OR_PRIVATE);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 2);
        String token = TestTokens.operator(operator);
        capacity(token, 2, 0, 2, 0);

        Granted first = grant(solution, operator);
        Granted second = grant(solution, operator);
        Granted third = grant(solution, operator);
        capacity(token, 2, 2, 0, 1);
        accept(token, first.deploymentId()).statusCode(200);
        capacity(token, 2, 2, 0, 1);
        fail(token, first.deploymentId(), "Hardware fehlt").statusCode(200);
        // the freed slot went to the queued deployment at once
        get(token, "/api/deployments/" + third.deploymentId()).body("state", equalTo("REQUESTED"));
        capacity(token, 2, 2, 0, 0);

        // a capacity lowered under deployments under way leaves none free, never fewer than none
        CatalogEvents.updateOperator(operator, OperatorType.REGIONAL_IT_PROVIDER, 1);
        capacity(token, 1, 2, 0, 0);
        CatalogEvents.updateOperator(operator, OperatorType.REGIONAL_IT_PROVIDER, 5);
        capacity(token, 5, 2, 3, 0);
        accept(token, second.deploymentId()).statusCode(200);
        complete(token, second.deploymentId(), TODAY).statusCode(200);
        capacity(token, 5, 1, 4, 0);

        // only the operator of the token, and only an operator licensing knows
        get(TestTokens.operator("unbekannt"), "/api/operators/me/capacity").statusCode(404).contentType("application/problem+json");
        get(first.adopterToken(), "/api/operators/me/capacity").statusCode(403);
        get(TestTokens.marketplaceAdmin(), "/api/operators/me/capacity").statusCode(403);
    }

    private static void capacity(String token, int capacity, int inUse, int free, int queued) {
        get(token, "/api/operators/me/capacity").statusCode(200).body("capacity", equalTo(capacity)).body("inUse", equalTo(inUse))
                .body("free", equalTo(free)).body("queued", equalTo(queued));
    }

    @Test
    void aFailedDeploymentIsRequestedAgainFromAnotherOperator() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL_OR_PRIVATE);
        String first = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String second = CatalogEvents.registerOperator(OperatorType.PRIVATE_IT_PROVIDER, 3);
        String civil = CatalogEvents.registerOperator(OperatorType.CIVIL_SOCIETY, 3);
        Granted g = grant(solution, first);
        String redeploy = "/api/licenses/" + g.licenseId() + "/deployments";

        post(g.adopterToken(), redeploy, Map.of("operatorId", second)).statusCode(409).body("currentState", equalTo("REQUESTED"));
        accept(TestTokens.operator(first), g.deploymentId()).statusCode(200);
        fail(TestTokens.operator(first), g.deploymentId(), "").statusCode(400).body("violations.field", contains("reason"));
        fail(TestTokens.operator(first), g.deploymentId(), "Rechenzentrum voll").statusCode(200)
                .body("state", equalTo("FAILED")).body("failureReason", equalTo("Rechenzentrum voll"));
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("state", equalTo("GRANTED"))
                .body("deployment.state", equalTo("FAILED"));

        post(g.adopterToken(), redeploy, Map.of("operatorId", civil)).statusCode(422).body("violations.field", contains("operatorId"));
        post(g.adopterToken(), redeploy, Map.of("operatorId", "gibt-es-nicht")).statusCode(422).body("violations.field", contains("operatorId"));
        post(g.adopterToken(), redeploy, Map.of()).statusCode(400).body("violations.field", contains("operatorId"));
        post(TestTokens.provider(solution.providerAgs()), redeploy, Map.of("operatorId", second)).statusCode(403);
        post(TestTokens.adopter(CatalogEvents.ags()), redeploy, Map.of("operatorId", second)).statusCode(404);

        String again = post(g.adopterToken(), redeploy, Map.of("operatorId", second)).statusCode(201)
                .header("Location", containsString("/api/deployments/"))
                .body("state", equalTo("REQUESTED")).body("operatorId", equalTo(second))
                .body("id", not(equalTo(g.deploymentId()))).extract().path("id");
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("operatorId", equalTo(second))
                .body("deployment.id", equalTo(again)).body("history.action", contains("REQUEST", "APPROVE", "REDEPLOY"));
        accept(TestTokens.operator(second), again).statusCode(200);
        complete(TestTokens.operator(second), again, TODAY).statusCode(200);
        get(g.adopterToken(), "/api/licenses/" + g.licenseId()).body("state", equalTo("ACTIVE"));
        post(g.adopterToken(), redeploy, Map.of("operatorId", first)).statusCode(409).body("currentState", equalTo("ACTIVE"));
    }
}

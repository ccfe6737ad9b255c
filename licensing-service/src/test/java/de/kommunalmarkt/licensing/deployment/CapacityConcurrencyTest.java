package de.kommunalmarkt.licensing.deployment;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.complete;
import static de.kommunalmarkt.licensing.Api.fail;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.licensing.Parallel;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapacityConcurrencyTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Berlin"));
    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);

    @Test
    void twentyParallelGrantsNeverExceedACapacityOfThreeAndCompletionsReleaseTheQueueFirstInFirstOut() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String token = TestTokens.operator(operator);

        List<Integer> statuses = Parallel.run(20, i -> requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(),
                solution.planId(), operator).extract().statusCode());

        assertThat(statuses).containsOnly(201);
        List<String> requested = ids(token, "REQUESTED");
        List<String> queued = ids(token, "QUEUED");
        assertThat(requested).hasSize(3);
        assertThat(queued).hasSize(17);

        for (String id : requested) {
            accept(token, id).statusCode(200);
        }
        List<Integer> completions = Parallel.run(3, i -> complete(token, requested.get(i), TODAY).extract().statusCode());
        assertThat(completions).containsOnly(200);
        // the three freed slots go to the first three in the queue, in order
        assertThat(ids(token, "REQUESTED")).containsExactlyInAnyOrderElementsOf(queued.subList(0, 3));
        assertThat(ids(token, "QUEUED")).containsExactlyElementsOf(queued.subList(3, 17));

        String next = queued.get(0);
        accept(token, next).statusCode(200);
        fail(token, next, "Hardware defekt").statusCode(200);
        assertThat(ids(token, "REQUESTED")).containsExactlyInAnyOrder(queued.get(1), queued.get(2), queued.get(3));
        assertThat(ids(token, "COMPLETED")).hasSize(3);
        assertThat(ids(token, "FAILED")).containsExactly(next);
    }

    @Test
    void twoCompletionsOfOneDeploymentFreeItsSlotOnlyOnce() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        String token = TestTokens.operator(operator);
        for (int i = 0; i < 3; i++) {
            requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator).statusCode(201);
        }
        String first = ids(token, "REQUESTED").get(0);
        List<String> queued = ids(token, "QUEUED");
        accept(token, first).statusCode(200);

        List<Integer> statuses = Parallel.run(6, i -> complete(token, first, TODAY).extract().statusCode());

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(ids(token, "REQUESTED")).containsExactly(queued.get(0));
        assertThat(ids(token, "QUEUED")).containsExactly(queued.get(1));
    }

    @Test
    void aLargerCapacityFromTheDirectoryReleasesTheQueue() {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 1);
        String token = TestTokens.operator(operator);
        for (int i = 0; i < 4; i++) {
            requestLicence(TestTokens.adopter(CatalogEvents.ags()), solution.id(), solution.planId(), operator).statusCode(201);
        }
        List<String> queued = ids(token, "QUEUED");
        assertThat(queued).hasSize(3);

        CatalogEvents.updateOperator(operator, OperatorType.REGIONAL_IT_PROVIDER, 3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids(token, "QUEUED")).containsExactly(queued.get(2)));
        assertThat(ids(token, "REQUESTED")).hasSize(3).contains(queued.get(0), queued.get(1));
    }

    /** The operator's deployments in a state, in queue order. */
    static List<String> ids(String operatorToken, String state) {
        return get(operatorToken, "/api/deployments?size=200&state=" + state).statusCode(200).extract().path("items.id");
    }
}

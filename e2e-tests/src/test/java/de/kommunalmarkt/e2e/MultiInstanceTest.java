package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Several instances of each service, proven: the marketplace is started again as
 * {@code ./kommunalmarkt start --instances 2} — two processes of each service on the one PostgreSQL and
 * Kafka — and the licence flows of {@link FaultToleranceTest} ({@value #DEFAULT_FLOWS_HERE} by default) are
 * spread over both licensing instances (a client whose instance does not answer tries the other, as a load
 * balancer would). While they run, one instance of each service is killed with {@code kill -9}; while those
 * are down PostgreSQL is restarted and then the Kafka broker, and then they are started again.
 * The billing admin starts the run on one billing instance and follows it on the other. The same
 * reconciliation then proves every flow complete once, one deployment per licence, every licence on exactly
 * one invoice line with the plan's amount (what a single instance bills), gap-free document numbers, the
 * adoption counts on both catalog instances.
 *
 * <p>A second test races requests for an operator with little capacity through both licensing instances:
 * never more than its capacity in REQUESTED or ACCEPTED, the rest QUEUED and released first-in first-out.
 *
 * <p>Runs after the other journeys and leaves the stack with two instances for {@link StackShutdownTest}.
 */
@Order(900)
class MultiInstanceTest extends FaultToleranceTest {

    static final int DEFAULT_FLOWS_HERE = 300;
    static final int CAPACITY = 3;
    static final int RACERS = 12;

    /** Hides {@link FaultToleranceTest}'s method of the same name: this class needs the stack with two instances. */
    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.withInstances(2);
        market = new Marketplace(stack);
        databases = new Databases(stack);
    }

    @Override
    int flows() {
        return Integer.getInteger("e2e.instances.flows", DEFAULT_FLOWS_HERE);
    }

    @Override
    String licensingFor(Flow flow) {
        return flow.index() % 2 == 0 ? "licensing" : "licensing-2";
    }

    /** A retry goes to the other instance, as a load balancer sends it past an instance that is down. */
    @Override
    String partFor(String part, int attempt) {
        if (attempt % 2 == 1) {
            return part;
        }
        return part.endsWith("-2") ? part.substring(0, part.length() - 2) : part + "-2";
    }

    @Override
    void injectFaults(AtomicInteger finished, int total, ExecutorService clients) throws Exception {
        awaitFinished(finished, total / 4, clients);
        long t = System.nanoTime();
        for (String part : List.of("licensing-2", "catalog-2", "billing-2")) {
            stack.kill9(part);
        }
        System.out.printf("E2E instances: licensing-2, catalog-2 and billing-2 killed (kill -9) after %d of %d flows%n",
                finished.get(), total);
        // Both restarts while the first instances carry the flows alone (bringing the second instances back
        // takes about a minute on a small machine; by then the flows may be done).
        restartWhileFlowsRun("postgres", finished, total);
        awaitFinished(finished, Math.min(finished.get() + total / 10, total / 2), clients);
        restartWhileFlowsRun("kafka", finished, total);
        for (String part : List.of("licensing-2", "catalog-2", "billing-2")) {
            stack.restart(part);
        }
        timings.put("second instances down (kill -9, PostgreSQL and Kafka restarts, until ready again)", millisSince(t));
    }

    /** Started on one billing instance, followed on the other; it completes once. */
    @Override
    void bill(YearMonth period) {
        JsonNode started = market.expect(202, "POST", "billing", "/api/billing-runs", "billing", "{\"period\":\"" + period + "\"}");
        String runId = started.get("id").asText();
        JsonNode completed = market.awaitJson("billing-2", "/api/billing-runs/" + runId, "billing", EVENTUALLY,
                run -> "COMPLETED".equals(run.path("state").asText()));
        discrepancies.check("the run invoiced every municipality of its snapshot", completed.path("progress").path("municipalitiesTotal").asInt(),
                completed.path("progress").path("municipalitiesDone").asInt());
        discrepancies.check("runs of " + period, 1L, databases.scalar("billing", "select count(*) from billing_run where period = '" + period + "'"));
        System.out.printf("E2E instances: billing run %s completed: %s%n", period, completed.path("counts"));
    }

    @Test
    void capacityAndQueueOrderHoldAcrossInstances() throws Exception {
        String tag = this.tag + "c";
        String provider = "capacity-provider-" + tag;
        String providerAgs = freshAgs(new HashSet<>());
        market.municipality(providerAgs, "Kapazitätsprobe " + tag, 50_000);
        market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));
        Operator operator = new Operator("capacity-ops-" + tag, "capacity-operator-" + tag);
        market.operator(operator.id(), "Engpassbetrieb " + tag, "REGIONAL_IT_PROVIDER", CAPACITY, List.of("15"));
        market.user(operator.user(), List.of("operator"), Map.of("operator", operator.id()));
        List<Adopter> adopters = adopters(RACERS);
        Marketplace.Published solution = market.publishedSolution(provider,
                Marketplace.solutionJson("Engpass " + tag, "AUTO"), Marketplace.flatPlanJson("Pauschal", MONTHLY_FEE));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        // all requests at once, half through each licensing instance
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<Future<Call>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < RACERS; i++) {
                Adopter adopter = adopters.get(i);
                String part = i % 2 == 0 ? "licensing" : "licensing-2";
                answers.add(pool.submit(() -> call(part, "POST", "/api/licenses", adopter.user(),
                        "{\"solutionId\":\"%s\",\"planId\":\"%s\",\"operatorId\":\"%s\"}".formatted(solution.solutionId(),
                                solution.planId(), operator.id()))));
            }
            for (Future<Call> answer : answers) {
                Call call = answer.get(3, TimeUnit.MINUTES);
                discrepancies.check("a racing licence request's answer", 201, call.status());
            }
        } finally {
            pool.shutdownNow();
        }
        String byQueue = "select id::text, state from deployment where operator_id = '" + operator.id() + "' order by queue_seq";
        List<String> states = databases.rows("licensing", byQueue).stream().map(r -> r.get(1)).toList();
        discrepancies.check("deployments in queue order after the race", expectedStates(0, CAPACITY, RACERS - CAPACITY), states);

        // the operator finishes the first ones; exactly the next ones in queue order are released
        List<String> requested = databases.rows("licensing", byQueue).stream().filter(r -> "REQUESTED".equals(r.get(1)))
                .map(r -> r.get(0)).toList();
        for (int i = 0; i < requested.size(); i++) {
            market.deploy(operator.user(), requested.get(i), Marketplace.today());
        }
        List<String> after = databases.rows("licensing", byQueue).stream().map(r -> r.get(1)).toList();
        discrepancies.check("deployments in queue order after the first were completed",
                expectedStates(CAPACITY, CAPACITY, RACERS - 2 * CAPACITY), after);
        discrepancies.report("E2E instances: capacity " + CAPACITY + " with " + RACERS + " racing requests over two instances");
    }

    private static List<String> expectedStates(int completed, int requested, int queued) {
        List<String> states = new ArrayList<>();
        states.addAll(Collections.nCopies(completed, "COMPLETED"));
        states.addAll(Collections.nCopies(requested, "REQUESTED"));
        states.addAll(Collections.nCopies(queued, "QUEUED"));
        return states;
    }
}

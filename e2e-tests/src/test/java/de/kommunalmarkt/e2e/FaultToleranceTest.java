package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaEvents.Received;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost or doubled when parts of the marketplace crash under load. While {@value #DEFAULT_FLOWS}
 * licence flows run — an adopter requests a licence of an AUTO solution (granted at once, deployment
 * requested), its operator accepts and completes the deployment (the licence becomes ACTIVE) — through
 * {@value #CLIENTS} concurrent clients, licensing-service is killed with {@code kill -9} and restarted and
 * the Kafka broker is restarted (it keeps its log). Then the billing admin bills the activations' month
 * and billing-service is killed with {@code kill -9} in the middle of the run (billing runs for this test
 * with a batch of one municipality per transaction, so the run has many commit points to be caught
 * between) and restarted; the run resumes and completes. Clients retry where a user would (the service
 * was down: connection refused, 502/503/504); a retried licence request whose first attempt was stored
 * gets 409 from the one-open-licence rule and never creates a second licence.
 *
 * <p>Afterwards a reconciliation proves: every granted licence has exactly one {@code DeploymentRequested}
 * (distinct {@code ce_id}; redelivered copies of one event are counted and reported); every licence is
 * ACTIVE from the day its operator reported, once; every activation reached billing and is on exactly one
 * invoice line of the period, with the plan's amount; invoice and credit note numbers (one sequence) are
 * consecutive without duplicates; no outbox row is left unsent; the catalog's adoption counts equal the
 * active licences per solution.
 */
@Order(500)
class FaultToleranceTest {

    static final int DEFAULT_FLOWS = 2000;
    static final int CLIENTS = 16;
    static final int SOLUTIONS = 40;
    static final String MONTHLY_FEE = "10.00";
    static final Duration RETRY_FOR = Duration.ofMinutes(3);
    static final Duration EVENTUALLY = Duration.ofMinutes(3);

    static LocalStack stack;
    static Marketplace market;
    static Databases databases;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final int flowCount = flows();
    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);
    final Map<String, Long> timings = new LinkedHashMap<>();
    final AtomicInteger retriedRequests = new AtomicInteger();
    final AtomicInteger retriedRequestsRefusedAsOpen = new AtomicInteger();
    final AtomicInteger retriedTransitionsFoundDone = new AtomicInteger();
    final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
        databases = new Databases(stack);
    }

    record Adopter(String user, String ags) {
    }

    record Operator(String id, String user) {
    }

    record Flow(int index, Adopter adopter, Marketplace.Published solution, Operator operator) {
    }

    /** What a flow ended with: the licence and its deployment, or why it did not get there. */
    record Outcome(Flow flow, String licenseId, String deploymentId, String failure) {
    }

    /** How many flows run (system property {@code e2e.faults.flows}). */
    int flows() {
        return Integer.getInteger("e2e.faults.flows", DEFAULT_FLOWS);
    }

    /** The licensing process that serves a flow's requests (adopter's and operator's). */
    String licensingFor(Flow flow) {
        return "licensing";
    }

    @Test
    void crashesUnderLoadLoseNothingAndDoubleNothing() throws Exception {
        long testStart = System.nanoTime();
        YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(1), month -> true);
        LocalDate liveOn = period.atDay(1);

        long t = System.nanoTime();
        String provider = "faults-provider-" + tag;
        String providerAgs = freshAgs(new HashSet<>());
        market.municipality(providerAgs, "Ausfallsicher " + tag, 60_000);
        market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));
        List<Operator> operators = List.of(operator(1), operator(2));
        int municipalityCount = (flowCount + SOLUTIONS - 1) / SOLUTIONS;
        List<Adopter> adopters = adopters(municipalityCount);
        List<Marketplace.Published> solutions = solutions(provider, Math.min(SOLUTIONS, flowCount));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");
        timings.put("setup (users, municipalities, operators, solutions)", millisSince(t));

        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < flowCount; i++) {
            flows.add(new Flow(i, adopters.get(i / solutions.size()), solutions.get(i % solutions.size()), operators.get(i % 2)));
        }
        Collections.shuffle(flows, new Random(42));

        t = System.nanoTime();
        List<Outcome> outcomes = runFlowsWithFaults(flows, liveOn);
        timings.put("flows (with the faults)", millisSince(t));
        List<Outcome> done = outcomes.stream().filter(o -> o.failure() == null).toList();
        serverErrors.stream().limit(20).forEach(discrepancies::add);
        outcomes.stream().filter(o -> o.failure() != null).limit(20)
                .forEach(o -> discrepancies.add("flow " + o.flow().index() + " did not complete: " + o.failure()));
        discrepancies.check("flows completed", flowCount, done.size());

        t = System.nanoTime();
        settle();
        timings.put("settle (outboxes sent, consumers caught up)", millisSince(t));

        t = System.nanoTime();
        bill(period);
        timings.put("billing run", millisSince(t));

        t = System.nanoTime();
        reconcile(done, adopters, solutions, period, liveOn);
        timings.put("reconciliation", millisSince(t));
        timings.put("whole test", millisSince(testStart));

        System.out.printf("E2E faults: retried requests %d (of which refused as already open: %d), retried operator steps "
                + "found done %d%n", retriedRequests.get(), retriedRequestsRefusedAsOpen.get(), retriedTransitionsFoundDone.get());
        System.out.println("E2E faults: timings " + timings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(Collectors.joining("; ")));
        discrepancies.report("E2E faults (" + getClass().getSimpleName() + "): " + done.size() + " flows");
    }

    // --- the people and things of the test ------------------------------------------------------------

    Operator operator(int n) {
        Operator o = new Operator("faults-ops-" + tag + "-" + n, "faults-operator-" + tag + "-" + n);
        market.operator(o.id(), "Lastbetrieb " + n + " " + tag, "REGIONAL_IT_PROVIDER", 10_000, List.of("15"));
        market.user(o.user(), List.of("operator"), Map.of("operator", o.id()));
        return o;
    }

    /** Adopting municipalities (state 15), registered in the catalog, each with a user of its own. */
    List<Adopter> adopters(int count) throws Exception {
        Set<String> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Adopter>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                created.add(pool.submit(() -> {
                    String ags = freshAgs(taken);
                    market.municipality(ags, "Lastdorf " + n + " " + tag, 1_000 + n);
                    Adopter a = new Adopter("faults-adopter-" + tag + "-" + n, ags);
                    market.user(a.user(), List.of("adopter"), Map.of("municipality", ags));
                    market.token(a.user());
                    return a;
                }));
            }
            List<Adopter> adopters = new ArrayList<>();
            for (Future<Adopter> f : created) {
                adopters.add(f.get(5, TimeUnit.MINUTES));
            }
            return adopters;
        } finally {
            pool.shutdownNow();
        }
    }

    List<Marketplace.Published> solutions(String provider, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Marketplace.Published>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                created.add(pool.submit(() -> market.publishedSolution(provider,
                        Marketplace.solutionJson("Lastprobe " + n + " " + tag, "AUTO"), Marketplace.flatPlanJson("Pauschal", MONTHLY_FEE))));
            }
            List<Marketplace.Published> solutions = new ArrayList<>();
            for (Future<Marketplace.Published> f : created) {
                solutions.add(f.get(5, TimeUnit.MINUTES));
            }
            return solutions;
        } finally {
            pool.shutdownNow();
        }
    }

    static String freshAgs(Set<String> taken) {
        while (true) {
            String ags = "15" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (taken.add(ags) && stack.get("catalog", "/api/municipalities/" + ags, market.token("admin")).statusCode() == 404) {
                return ags;
            }
        }
    }

    // --- flows under faults ---------------------------------------------------------------------------

    private List<Outcome> runFlowsWithFaults(List<Flow> flows, LocalDate liveOn) throws Exception {
        AtomicInteger finished = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Outcome>> running = new ArrayList<>();
        for (Flow flow : flows) {
            running.add(clients.submit(() -> {
                try {
                    return runFlow(flow, liveOn);
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        clients.shutdown();
        try {
            injectFaults(finished, flows.size(), clients);
            if (!clients.awaitTermination(10, TimeUnit.MINUTES)) {
                discrepancies.add("flows still running after 10 minutes");
            }
        } finally {
            clients.shutdownNow();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            Future<Outcome> f = running.get(i);
            outcomes.add(f.isDone() && !f.isCancelled() ? f.get() : new Outcome(flows.get(i), null, null, "not finished"));
        }
        return outcomes;
    }

    /**
     * The faults, while the flows run: licensing killed with {@code kill -9} after a quarter of the flows
     * and restarted, the Kafka broker restarted after half of them.
     */
    void injectFaults(AtomicInteger finished, int total, ExecutorService clients) throws Exception {
        awaitFinished(finished, total / 4, clients);
        kill9AndRestart("licensing", finished, total);
        awaitFinished(finished, total / 2, clients);
        restartWhileFlowsRun("kafka", finished, total);
    }

    void kill9AndRestart(String part, AtomicInteger finished, int total) {
        long t = System.nanoTime();
        stack.kill9(part);
        System.out.printf("E2E faults: %s killed (kill -9) after %d of %d flows%n", part, finished.get(), total);
        stack.restart(part);
        timings.put(part + " down (kill -9 until ready again)", millisSince(t));
    }

    /** Restarts a part while flows still run (required: a restart after the last flow proves nothing). */
    void restartWhileFlowsRun(String part, AtomicInteger finished, int total) {
        long t = System.nanoTime();
        int before = finished.get();
        stack.restart(part);
        timings.put(part + " restart", millisSince(t));
        System.out.printf("E2E faults: %s restarted while flows ran: %d of %d flows done when it stopped, %d when it was back%n",
                part, before, total, finished.get());
        discrepancies.require(part + " was restarted while flows ran (" + before + " of " + total + " done)", before < total);
    }

    static void awaitFinished(AtomicInteger finished, int count, ExecutorService clients) throws InterruptedException {
        while (finished.get() < count && !clients.isTerminated()) {
            Thread.sleep(100);
        }
    }

    private Outcome runFlow(Flow flow, LocalDate liveOn) {
        try {
            String body = """
                    {"solutionId":"%s","planId":"%s","operatorId":"%s"}"""
                    .formatted(flow.solution().solutionId(), flow.solution().planId(), flow.operator().id());
            Call request = call(licensingFor(flow), "POST", "/api/licenses", flow.adopter().user(), body);
            String licenseId;
            String deploymentId;
            if (request.status() == 201) {
                licenseId = request.json().get("id").asText();
                deploymentId = request.json().path("deployment").path("id").asText(null);
            } else if (request.status() == 409 && request.attempts() > 1 && request.json().hasNonNull("licenseId")) {
                // the first attempt was stored before the service died: the open-licence rule refuses a second one
                retriedRequestsRefusedAsOpen.incrementAndGet();
                licenseId = request.json().get("licenseId").asText();
                deploymentId = null;
            } else {
                return new Outcome(flow, null, null, "request answered " + request.status() + " " + request.body());
            }
            if (deploymentId == null) {
                Call license = call(licensingFor(flow), "GET", "/api/licenses/" + licenseId, flow.adopter().user(), null);
                if (license.status() != 200) {
                    return new Outcome(flow, licenseId, null, "licence read answered " + license.status() + " " + license.body());
                }
                deploymentId = license.json().path("deployment").path("id").asText(null);
            }
            market.grantedBy(deploymentId, liveOn);
            String failure = transition(flow, deploymentId, "accept", null, "ACCEPTED");
            if (failure == null) {
                failure = transition(flow, deploymentId, "complete", "{\"liveOn\":\"" + liveOn + "\"}", "COMPLETED");
            }
            return new Outcome(flow, licenseId, deploymentId, failure);
        } catch (RuntimeException e) {
            return new Outcome(flow, null, null, e.toString());
        }
    }

    /** The operator's step; a retried step whose first attempt was stored finds the deployment in its target state. */
    private String transition(Flow flow, String deploymentId, String action, String body, String reached) {
        Call step = call(licensingFor(flow), "POST", "/api/deployments/" + deploymentId + "/" + action, flow.operator().user(), body);
        if (step.status() == 200) {
            return null;
        }
        if (step.status() == 409 && step.attempts() > 1 && reached.equals(step.json().path("currentState").asText())) {
            retriedTransitionsFoundDone.incrementAndGet();
            return null;
        }
        return action + " answered " + step.status() + " " + step.body();
    }

    record Call(int status, String body, int attempts) {
        JsonNode json() {
            return stack.read(body);
        }
    }

    /**
     * A request as a user's client sends it: while the service is down (no connection, 502/503/504, a
     * connection lost before the answer) it is sent again after a pause, for at most {@link #RETRY_FOR}.
     */
    /** The process an attempt goes to: the same one each time (a client without a load balancer). */
    String partFor(String part, int attempt) {
        return part;
    }

    Call call(String part, String method, String path, String user, String body) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long pause = 200;
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(partFor(part, attempt), path)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + market.token(user))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            String failure;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 502 || response.statusCode() > 504) {
                    if (response.statusCode() >= 500) {
                        serverErrors.add(method + " " + path + " answered " + response.statusCode() + " " + response.body());
                    }
                    return new Call(response.statusCode(), response.body(), attempt);
                }
                failure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                return new Call(-1, "gave up after " + attempt + " attempts: " + failure, attempt);
            }
            if (attempt == 1 && !"GET".equals(method)) {
                retriedRequests.incrementAndGet();
            }
            sleep(pause);
            pause = Math.min(pause * 2, 2_000);
        }
    }

    // --- billing with a crash -------------------------------------------------------------------------

    /** The billing admin bills the period; here billing-service is killed in the middle of the run. */
    void bill(YearMonth period) throws InterruptedException {
        long t = System.nanoTime();
        // one municipality per transaction: the run has a commit point per invoice for the kill to fall between
        stack.restart("billing", Map.of("BILLING_RUN_BATCH_SIZE", "1"));
        timings.put("billing restart with batch size 1", millisSince(t));

        t = System.nanoTime();
        JsonNode started = market.expect(202, "POST", "billing", "/api/billing-runs", "billing", "{\"period\":\"" + period + "\"}");
        String runId = started.get("id").asText();
        int[] seen = {0, 0};
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = stack.get("billing", "/api/billing-runs/" + runId, market.token("billing"));
            JsonNode run = stack.read(response.body());
            seen[0] = run.path("progress").path("municipalitiesDone").asInt();
            seen[1] = run.path("progress").path("municipalitiesTotal").asInt();
            if ((seen[0] > 0 && seen[0] < seen[1]) || "COMPLETED".equals(run.path("state").asText())) {
                break;
            }
            Thread.sleep(10);
        }
        stack.kill9("billing");
        long killedAt = System.nanoTime();
        List<String> atKill = databases.rows("billing", "select state, municipalities_done, municipalities_total, executions"
                + " from billing_run where id = '" + runId + "'").get(0);
        System.out.printf("E2E faults: billing-service killed (kill -9) during the %s run: API showed %d of %d municipalities,"
                + " the database %s of %s (state %s)%n", period, seen[0], seen[1], atKill.get(1), atKill.get(2), atKill.get(0));
        int doneAtKill = Integer.parseInt(atKill.get(1));
        int totalAtKill = Integer.parseInt(atKill.get(2));
        discrepancies.require("billing was killed in the middle of the run (state " + atKill.get(0) + ", " + doneAtKill + " of "
                + totalAtKill + " municipalities invoiced)", "RUNNING".equals(atKill.get(0)) && doneAtKill > 0 && doneAtKill < totalAtKill);
        timings.put("billing run until the kill", (killedAt - t) / 1_000_000);

        t = System.nanoTime();
        stack.restart("billing");
        timings.put("billing down (kill -9 until ready again)", (System.nanoTime() - killedAt) / 1_000_000);
        JsonNode completed = market.awaitJson("billing", "/api/billing-runs/" + runId, "billing", EVENTUALLY,
                run -> "COMPLETED".equals(run.path("state").asText()));
        timings.put("billing run resumed until completed", millisSince(t));
        discrepancies.require("the run resumed in a second execution (executions " + completed.path("executions") + ")",
                completed.path("executions").asInt() >= 2);
        discrepancies.check("the run invoiced every municipality of its snapshot", completed.path("progress").path("municipalitiesTotal").asInt(),
                completed.path("progress").path("municipalitiesDone").asInt());
        System.out.printf("E2E faults: billing run %s completed after the restart: %s%n", period, completed.path("counts"));
    }

    // --- settling and reconciling ---------------------------------------------------------------------

    void settle() {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> databases.unsentOutboxRows().values().stream().allMatch(n -> n == 0));
        market.awaitConsumed("catalog-service", EVENTUALLY, "licensing.licenses");
        market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");
    }

    private void reconcile(List<Outcome> done, List<Adopter> adopters, List<Marketplace.Published> solutions, YearMonth period,
            LocalDate liveOn) {
        String agsList = adopters.stream().map(a -> "'" + a.ags() + "'").collect(Collectors.joining(","));
        Set<String> flowLicenses = done.stream().map(Outcome::licenseId).collect(Collectors.toSet());
        discrepancies.check("distinct licences of the completed flows", done.size(), flowLicenses.size());

        // licensing: one licence per flow, ACTIVE from the reported day; no second licence from a retry
        List<List<String>> licenses = databases.rows("licensing", "select id::text, state, activated_on::text, solution_id::text"
                + " from license where adopter_ags in (" + agsList + ")");
        Set<String> stored = licenses.stream().map(r -> r.get(0)).collect(Collectors.toSet());
        discrepancies.check("licences stored for the test's municipalities (one per flow)", flowCount, licenses.size());
        discrepancies.check("stored licences are exactly the flows' licences", Set.of(), symmetricDifference(stored, flowLicenses));
        Map<String, Long> notActive = licenses.stream().filter(r -> !"ACTIVE".equals(r.get(1)) || !liveOn.toString().equals(r.get(2)))
                .collect(Collectors.groupingBy(r -> r.get(1) + " from " + r.get(2), TreeMap::new, Collectors.counting()));
        discrepancies.check("licences not ACTIVE from " + liveOn, Map.of(), notActive);

        // exactly one DeploymentRequested per granted licence
        Map<String, Set<String>> requestedIds = new HashMap<>();
        int[] copies = {0};
        try (KafkaEvents kafka = new KafkaEvents(stack.kafkaAdmin())) {
            Map<TopicPartition, Long> ends = kafka.endOffsets("licensing.deployments");
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            Map<TopicPartition, Long> beginning = new HashMap<>();
            ends.keySet().forEach(tp -> beginning.put(tp, 0L));
            List<Received> all = kafka.readFrom(beginning, Duration.ofMinutes(2), r -> r.size() >= total);
            discrepancies.check("records read from licensing.deployments", total, (long) all.size());
            for (Received r : all) {
                if ("DeploymentRequested".equals(r.header("ce_type")) && flowLicenses.contains(r.key())) {
                    if (!requestedIds.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.header("ce_id"))) {
                        copies[0]++;
                    }
                }
            }
        }
        long withoutOne = flowLicenses.stream().filter(id -> requestedIds.getOrDefault(id, Set.of()).size() != 1).count();
        discrepancies.check("granted licences without exactly one DeploymentRequested", 0L, withoutOne);
        System.out.printf("E2E faults: %d DeploymentRequested for %d granted licences (%d redelivered copies of the same ce_id)%n",
                requestedIds.values().stream().mapToInt(Set::size).sum(), flowLicenses.size(), copies[0]);

        // billing: every activation arrived, and each licence is on exactly one invoice line of the period
        long activatedInBilling = databases.scalar("billing", "select count(*) from license where adopter_ags in (" + agsList
                + ") and activated_on = '" + liveOn + "'");
        discrepancies.check("activations that reached billing", (long) flowCount, activatedInBilling);
        List<List<String>> lines = databases.rows("billing", "select l.license_id::text, l.kind, l.net_amount::text, i.municipality_ags"
                + " from invoice_line l join invoice i on i.id = l.invoice_id where i.period = '" + period + "' and i.municipality_ags in ("
                + agsList + ")");
        Map<String, Long> linesPerLicense = lines.stream().collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
        discrepancies.check("licences of the flows not on exactly one invoice line of " + period, 0L,
                flowLicenses.stream().filter(id -> linesPerLicense.getOrDefault(id, 0L) != 1).count());
        discrepancies.check("invoice lines of " + period + " for licences that are not the flows'", Set.of(),
                new HashSet<>(linesPerLicense.keySet()).stream().filter(id -> !flowLicenses.contains(id)).collect(Collectors.toSet()));
        Map<String, Long> odd = lines.stream().filter(r -> !"USAGE".equals(r.get(1)) || new BigDecimal(r.get(2)).compareTo(new BigDecimal(MONTHLY_FEE)) != 0)
                .collect(Collectors.groupingBy(r -> r.get(1) + " " + r.get(2), Collectors.counting()));
        discrepancies.check("lines other than a full month's " + MONTHLY_FEE, Map.of(), odd);
        discrepancies.check("invoices of " + period + " for the test's municipalities (one each)", (long) adopters.size(),
                databases.scalar("billing", "select count(*) from invoice where period = '" + period + "' and municipality_ags in ("
                        + agsList + ")"));

        // document numbers: invoices and credit notes share one sequence per year of issue (other tests of the
        // stack issue credit notes too) — consecutive, no duplicates, no gaps
        List<String> numbers = databases.rows("billing", "select number from invoice union all select number from credit_note"
                + " order by number").stream().map(r -> r.get(0)).toList();
        Map<String, List<Integer>> byYear = new TreeMap<>();
        for (String number : numbers) {
            discrepancies.require("document number " + number + " has the form KM-YYYY-NNNNNN", number.matches("KM-\\d{4}-\\d{6}"));
            byYear.computeIfAbsent(number.substring(3, 7), y -> new ArrayList<>()).add(Integer.parseInt(number.substring(8)));
        }
        byYear.forEach((year, seq) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= seq.size(); i++) {
                expected.add(i);
            }
            if (!seq.equals(expected)) {
                discrepancies.add("document numbers (invoices and credit notes) of " + year + " are not 1.." + seq.size() + " without gaps or duplicates: " + seq);
            }
        });
        System.out.printf("E2E faults: document numbers %s%n", byYear.entrySet().stream()
                .map(e -> "KM-" + e.getKey() + "-000001..%06d".formatted(e.getValue().size())).toList());

        // outboxes: nothing left to send
        discrepancies.check("unsent outbox rows", Map.of("billing", 0L, "catalog", 0L, "licensing", 0L), databases.unsentOutboxRows());

        // the catalog's adoption counts equal the active licences per solution
        Map<String, Long> activePerSolution = licenses.stream().filter(r -> "ACTIVE".equals(r.get(1)))
                .collect(Collectors.groupingBy(r -> r.get(3), Collectors.counting()));
        List<String> catalogs = stack.serviceParts().stream().filter(p -> p.startsWith("catalog")).toList();
        for (Marketplace.Published solution : solutions) {
            long active = databases.scalar("licensing", "select count(*) from license where solution_id = '" + solution.solutionId()
                    + "' and state = 'ACTIVE'");
            for (String catalog : catalogs) {
                JsonNode shown = market.expect(200, "GET", catalog, "/api/solutions/" + solution.solutionId(), null, null);
                discrepancies.check("adoption count of solution " + solution.solutionId() + " on " + catalog, active,
                        shown.path("adoptionCount").asLong());
            }
            discrepancies.check("active licences of the flows for solution " + solution.solutionId(), active,
                    activePerSolution.getOrDefault(solution.solutionId(), 0L));
        }
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> difference = new HashSet<>(a);
        difference.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        difference.removeAll(both);
        return difference;
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

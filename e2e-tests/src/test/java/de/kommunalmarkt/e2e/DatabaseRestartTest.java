package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart while licence events are being consumed loses no event. Billing-service is
 * stopped while {@value #FLOWS} licences are requested, granted and activated, so that its consumer
 * has a backlog on {@code licensing.licenses}; it is started again and, while it works through the
 * backlog, PostgreSQL (the one server of all three services) is restarted with
 * {@code ./kommunalmarkt restart postgres}. The consumers wait for the database instead of
 * dead-lettering what fails meanwhile: afterwards no service has a new dead letter and no {@code .dlq}
 * topic a new record, every licence is on exactly one invoice line of the month, and billing's
 * reconciliation with licensing's events finds no difference.
 */
@Order(450)
class DatabaseRestartTest {

    static final int FLOWS = 300;
    static final int ADOPTERS = 30;
    static final String MONTHLY_FEE = "10.00";
    static final Duration EVENTUALLY = Duration.ofMinutes(3);
    static final List<String> DEAD_LETTER_TOPICS = List.of("catalog.solutions.dlq", "catalog.directory.dlq", "licensing.licenses.dlq");

    static LocalStack stack;
    static Marketplace market;
    static Databases databases;

    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
        databases = new Databases(stack);
    }

    record Adopter(String user, String ags) {
    }

    @Test
    void aDatabaseRestartWhileLicenceEventsAreConsumedLosesNothing() throws Exception {
        Instant testStart = databaseNow();
        YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(1), month -> true);
        LocalDate liveOn = period.atDay(1);

        String provider = "restart-provider-" + tag;
        Set<String> taken = new HashSet<>();
        String providerAgs = freshAgs(taken);
        market.municipality(providerAgs, "Neustart " + tag, 50_000);
        market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));
        String operatorId = "restart-ops-" + tag;
        String operatorUser = "restart-operator-" + tag;
        market.operator(operatorId, "Neustartbetrieb " + tag, "REGIONAL_IT_PROVIDER", 10_000, List.of("16"));
        market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));
        List<Adopter> adopters = new ArrayList<>();
        for (int i = 0; i < ADOPTERS; i++) {
            Adopter a = new Adopter("restart-adopter-" + tag + "-" + i, freshAgs(taken));
            market.municipality(a.ags(), "Neustartdorf " + i + " " + tag, 2_000 + i);
            market.user(a.user(), List.of("adopter"), Map.of("municipality", a.ags()));
            adopters.add(a);
        }
        int solutionCount = FLOWS / ADOPTERS;
        List<Marketplace.Published> solutions = new ArrayList<>();
        for (int i = 0; i < solutionCount; i++) {
            solutions.add(market.publishedSolution(provider, Marketplace.solutionJson("Neustart " + i + " " + tag, "AUTO"),
                    Marketplace.flatPlanJson("Pauschal", MONTHLY_FEE)));
        }
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");
        market.awaitConsumed("billing-service", EVENTUALLY, "catalog.directory");
        Map<String, Long> deadLettersBefore = dlqEnds();

        // billing away while the licences happen: its consumer will have a backlog
        stack.kill9("billing");
        Set<String> licenses = runFlows(adopters, solutions, operatorUser, operatorId, liveOn);
        discrepancies.check("licences requested, granted and activated", FLOWS, licenses.size());

        String agsList = adopters.stream().map(a -> "'" + a.ags() + "'").collect(Collectors.joining(","));
        String activatedInBilling = "select count(*) from license where adopter_ags in (" + agsList + ") and activated_on = '"
                + liveOn + "'";
        stack.restart("billing");
        long backlog = billingLag();
        long appliedBefore = databases.scalar("billing", activatedInBilling);
        long t = System.nanoTime();
        stack.restart("postgres");
        long restartMillis = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("E2E database restart: PostgreSQL restarted in %d ms while billing's consumer had %d uncommitted licence"
                + " events and had applied %d of %d activations%n", restartMillis, backlog, appliedBefore, FLOWS);
        discrepancies.require("PostgreSQL was restarted while billing consumed licence events (" + appliedBefore + " of " + FLOWS
                + " activations applied, " + backlog + " events uncommitted)", backlog > 0 && appliedBefore < FLOWS);

        market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
        market.awaitConsumed("catalog-service", EVENTUALLY, "licensing.licenses");
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        // no dead letter anywhere
        for (String db : Databases.ALL) {
            discrepancies.check(db + ": dead letters since the test started", 0L, databases.scalar(db,
                    "select count(*) from dead_letter where failed_at >= '" + testStart + "'"));
        }
        discrepancies.check("records added to the .dlq topics", deadLettersBefore, dlqEnds());
        for (String service : List.of("catalog", "licensing", "billing")) {
            JsonNode listed = market.expect(200, "GET", service, "/api/admin/dead-letters?size=200", "admin", null);
            long recent = 0;
            for (JsonNode item : listed.get("items")) {
                if (Instant.parse(item.get("failedAt").asText()).isAfter(testStart)) {
                    recent++;
                }
            }
            discrepancies.check(service + " lists no dead letter since the test started", 0L, recent);
        }

        // every licence reached billing and is billed once
        discrepancies.check("activations that reached billing", (long) FLOWS, databases.scalar("billing", activatedInBilling));
        JsonNode run = market.runBilling(period.toString(), EVENTUALLY);
        Map<String, Long> linesPerLicense = databases.rows("billing", "select l.license_id::text from invoice_line l"
                        + " join invoice i on i.id = l.invoice_id where i.period = '" + period + "' and i.municipality_ags in (" + agsList + ")")
                .stream().collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
        discrepancies.check("licences not on exactly one invoice line of " + period, 0L,
                licenses.stream().filter(id -> linesPerLicense.getOrDefault(id, 0L) != 1).count());
        discrepancies.check("invoices of " + period + " for the test's municipalities", (long) ADOPTERS, databases.scalar("billing",
                "select count(*) from invoice where period = '" + period + "' and municipality_ags in (" + agsList + ")"));

        // billing's view agrees with licensing's events
        JsonNode reconciliation = market.expect(200, "GET", "billing", "/api/reconciliation", "billing", null);
        discrepancies.check("licences on which billing and licensing's events differ (" + reconciliation.get("differing") + ")",
                0L, reconciliation.get("differences").asLong());
        discrepancies.require("the reconciliation saw the test's licences (" + reconciliation.get("licensesInEvents") + " in events)",
                reconciliation.get("licensesInEvents").asLong() >= FLOWS);
        System.out.printf("E2E database restart: %d licences billed in run %s; reconciliation: %s licences in events, %s in billing,"
                        + " %s matching, %s differences%n", licenses.size(), run.get("id").asText(), reconciliation.get("licensesInEvents"),
                reconciliation.get("licensesInBilling"), reconciliation.get("matching"), reconciliation.get("differences"));
        discrepancies.report("E2E database restart: " + FLOWS + " licences, PostgreSQL restarted once");
    }

    /** Each adopter licenses each solution once; the operator deploys it live on {@code liveOn}. */
    private Set<String> runFlows(List<Adopter> adopters, List<Marketplace.Published> solutions, String operatorUser,
            String operatorId, LocalDate liveOn) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> flows = new ArrayList<>();
            for (Adopter adopter : adopters) {
                for (Marketplace.Published solution : solutions) {
                    flows.add(clients.submit(() -> {
                        JsonNode license = market.requestLicense(adopter.user(), solution.solutionId(), solution.planId(), operatorId);
                        market.deploy(operatorUser, license.get("deployment").get("id").asText(), liveOn);
                        return license.get("id").asText();
                    }));
                }
            }
            Set<String> licenses = new HashSet<>();
            for (Future<String> flow : flows) {
                licenses.add(flow.get(5, TimeUnit.MINUTES));
            }
            return licenses;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Records of licensing.licenses billing's consumer group has not committed yet. */
    private long billingLag() throws Exception {
        try (Admin admin = Admin.create(stack.kafkaAdmin())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of("licensing.licenses")).allTopicNames().get().get("licensing.licenses").partitions()
                    .forEach(p -> latest.put(new TopicPartition("licensing.licenses", p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("billing-service")
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    private Map<String, Long> dlqEnds() throws Exception {
        Map<String, Long> ends = new HashMap<>();
        try (Admin admin = Admin.create(stack.kafkaAdmin())) {
            for (String topic : DEAD_LETTER_TOPICS) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                ends.put(topic, admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum());
            }
        }
        return ends;
    }

    /** The database's clock, which stamps the dead letters. */
    private static Instant databaseNow() {
        return Instant.parse(databases.rows("billing", "select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
                .get(0).get(0));
    }

    /** An AGS (state 16) no one has registered. */
    private static String freshAgs(Set<String> taken) {
        while (true) {
            String ags = "16" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (taken.add(ags) && stack.get("catalog", "/api/municipalities/" + ags, market.token("admin")).statusCode() == 404) {
                return ags;
            }
        }
    }
}

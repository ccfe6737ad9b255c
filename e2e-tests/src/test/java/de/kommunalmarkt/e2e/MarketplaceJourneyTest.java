package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaEvents.Received;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The marketplace's main journey, acted out through the public REST APIs by the people who use it,
 * reproducing the worked example of docs/DOMAIN.md ("Worked example — period 2026-11") to the cent:
 *
 * <ol>
 * <li>the provider Köln drafts a solution, is refused by the transfer-readiness gate (422 naming every
 * unmet MUST criterion), fixes the entry and publishes it (plans FLAT 300.00 and PER_INHABITANT 12.50 per
 * 1000, min 50, max 2000, AUTO approval), and publishes a second solution with a cost-sharing plan (pool
 * 10,000.00 by inhabitants, MANUAL approval); VAT S 19 % on every plan;</li>
 * <li>three adopters with the example's inhabitants request licences — granted at once (AUTO) or
 * approved by the provider (MANUAL);</li>
 * <li>their operator follows its deployments on Kafka (a plain consumer keeping its own operatorId) and
 * over Server-Sent Events, accepts and completes them with the example's live dates;</li>
 * <li>an adopter writes a review; another gives notice (the first end date is refused with the earliest
 * allowed one, which is then accepted);</li>
 * <li>the billing admin bills the month; the invoices carry the example's amounts, the XRechnung files
 * pass Mustang's validator, the provider's statement adds up, and the catalog shows adoptions and the
 * review.</li>
 * </ol>
 *
 * <p>The example's period 2026-11 is the current month on the day this was written and cannot be billed
 * (billing bills months that are over), so the journey bills the latest 30-day month before the current
 * one that has not been billed yet (2026-09 on a fresh stack) with the same days: Ulm whole month, Bamberg
 * from the 11th (20 days), Köln's flat plan from the 16th (15 days). The adopters are municipalities of
 * this test (own AGS, the example's inhabitants), so no other test's licences share their invoices or the
 * cost-sharing pool.
 */
@Order(100)
class MarketplaceJourneyTest {

    record Adopter(String user, String ags, String name, long inhabitants) {
    }

    static final Adopter KOELN = new Adopter("journey-koeln", "05999101", "Köln (Journey)", 1_080_000);
    static final Adopter ULM = new Adopter("journey-ulm", "08999102", "Ulm (Journey)", 128_000);
    static final Adopter BAMBERG = new Adopter("journey-bamberg", "09999103", "Bamberg (Journey)", 78_000);
    static final List<Adopter> ADOPTERS = List.of(KOELN, ULM, BAMBERG);
    static final String PROVIDER = "koeln";
    static final String PROVIDER_AGS = "05315000";
    static final BigDecimal VAT_RATE = new BigDecimal("0.19");
    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    static LocalStack stack;
    static Marketplace market;

    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);
    // an operator of this journey alone: its Kafka records and its SSE stream are exactly the journey's
    final String operatorId = "journey-ops-" + tag;
    final String operatorUser = "journey-operator-" + tag;

    @BeforeAll
    static void theMarketplaceRuns() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
    }

    @Test
    void aSolutionGoesFromDraftToInvoicesAsDomainMdsWorkedExampleSays() throws Exception {
        int journeys = 0;
        try {
            journey();
            journeys++;
        } catch (AssertionError | RuntimeException e) {
            discrepancies.add("the journey stopped: " + e);
        } finally {
            discrepancies.report("E2E journeys: " + journeys + " run");
        }
    }

    private void journey() throws Exception {
        YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(1), m -> m.lengthOfMonth() == 30);
        Map<Adopter, LocalDate> flatOrPerInhabitantLive = Map.of(KOELN, period.atDay(16), ULM, period.atDay(1), BAMBERG, period.atDay(11));
        Map<Adopter, LocalDate> costSharingLive = Map.of(KOELN, period.atDay(1), ULM, period.atDay(1), BAMBERG, period.atDay(11));

        // The marketplace admin puts the example's municipalities and their operator into the directory.
        for (Adopter adopter : ADOPTERS) {
            market.municipality(adopter.ags(), adopter.name(), adopter.inhabitants());
            market.user(adopter.user(), List.of("adopter"), Map.of("municipality", adopter.ags()));
        }
        market.operator(operatorId, "Journey Betrieb", "REGIONAL_IT_PROVIDER", 10, List.of("05", "08", "09"));
        market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));

        // The provider drafts with the example's plans, is refused by the gate, fixes the entry and publishes.
        String sensors = "Parkraum-Sensorik " + tag;
        String solutionA = draft(sensors);
        String flatPlan = market.expect(201, "POST", "catalog", "/api/solutions/" + solutionA + "/plans", PROVIDER, """
                {"name":"Betrieb pauschal","model":"FLAT","monthlyFee":300.00,"vatRate":0.19,"vatCategory":"S"}""").get("id").asText();
        String perInhabitantPlan = market.expect(201, "POST", "catalog", "/api/solutions/" + solutionA + "/plans", PROVIDER, """
                {"name":"Nach Einwohnern","model":"PER_INHABITANT","ratePer1000":12.50,"minMonthly":50.00,"maxMonthly":2000.00,
                 "minimumTermMonths":3,"noticePeriodDays":30,"vatRate":0.19,"vatCategory":"S"}""").get("id").asText();
        refusedByTheGateThenFixed(solutionA, sensors);
        JsonNode published = market.expect(200, "POST", "catalog", "/api/solutions/" + solutionA + "/publish", PROVIDER, null);
        discrepancies.check("state after the fixed publish", "PUBLISHED", published.get("state").asText());

        String portal = "Bürgerportal Kostenumlage " + tag;
        Marketplace.Published b = market.publishedSolution(PROVIDER, Marketplace.solutionJson(portal, "MANUAL"), """
                {"name":"Kostenumlage nach Einwohnern","model":"COST_SHARING","monthlyPool":10000.00,"costSharingKey":"INHABITANTS",
                 "vatRate":0.19,"vatCategory":"S"}""");
        String solutionB = b.solutionId();
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        try (KafkaEvents kafka = new KafkaEvents(stack.kafkaAdmin());
                SseStream sse = SseStream.open(stack.url("licensing", "/api/deployments/stream"), market.token(operatorUser))) {
            Map<TopicPartition, Long> from = kafka.endOffsets("licensing.deployments");
            discrepancies.check("SSE stream status for the operator", 200, sse.status());

            // Two adopters' worth of requests: solution A grants at once, solution B waits for the provider.
            Map<String, Adopter> adopterOf = new HashMap<>();
            Map<String, LocalDate> liveOn = new HashMap<>();
            Map<String, String> solutionOf = new HashMap<>();
            for (Adopter adopter : ADOPTERS) {
                String plan = adopter == KOELN ? flatPlan : perInhabitantPlan;
                JsonNode auto = market.requestLicense(adopter.user(), solutionA, plan, operatorId);
                discrepancies.check(adopter.name() + "'s AUTO request", "GRANTED", auto.get("state").asText());
                JsonNode manual = market.requestLicense(adopter.user(), solutionB, b.planId(), operatorId);
                discrepancies.check(adopter.name() + "'s MANUAL request", "REQUESTED", manual.get("state").asText());
                for (JsonNode l : List.of(auto, manual)) {
                    adopterOf.put(l.get("id").asText(), adopter);
                    solutionOf.put(l.get("id").asText(), l.get("solutionId").asText());
                }
                liveOn.put(auto.get("id").asText(), flatOrPerInhabitantLive.get(adopter));
                liveOn.put(manual.get("id").asText(), costSharingLive.get(adopter));
            }
            JsonNode waiting = market.expect(200, "GET", "licensing", "/api/licenses?state=REQUESTED&solutionId=" + solutionB, PROVIDER, null);
            Set<String> toDecide = ids(waiting.get("items"), "id");
            discrepancies.check("requests the provider sees waiting", ids(solutionOf, solutionB), toDecide);
            for (String licenseId : toDecide) {
                JsonNode approved = market.expect(200, "POST", "licensing", "/api/licenses/" + licenseId + "/approve", PROVIDER, null);
                discrepancies.check("state after approval", "GRANTED", approved.get("state").asText());
            }

            // The operator learns of all six deployments on Kafka and over SSE, and works them off.
            Map<String, String> deploymentOf = new TreeMap<>();
            for (String licenseId : adopterOf.keySet()) {
                JsonNode deployment = market.license(adopterOf.get(licenseId).user(), licenseId).get("deployment");
                deploymentOf.put(deployment.get("id").asText(), licenseId);
            }
            Set<String> expectedDeployments = deploymentOf.keySet();
            List<Received> onKafka = kafka.readFrom(from, EVENTUALLY, r -> ownEvents(r, "DeploymentRequested").size() >= 6);
            discrepancies.check("deployments requested on Kafka", expectedDeployments,
                    ids(ownEvents(onKafka, "DeploymentRequested"), "deploymentId"));
            awaitSse(sse, "DeploymentRequested", 6);
            discrepancies.check("deployments requested over SSE", expectedDeployments, sseIds(sse, "DeploymentRequested"));

            for (Map.Entry<String, String> d : deploymentOf.entrySet()) {
                market.deploy(operatorUser, d.getKey(), liveOn.get(d.getValue()));
            }
            onKafka = kafka.readFrom(from, EVENTUALLY, r -> ownEvents(r, "DeploymentCompleted").size() >= 6);
            discrepancies.check("deployments accepted on Kafka", expectedDeployments, ids(ownEvents(onKafka, "DeploymentAccepted"), "deploymentId"));
            Map<String, String> liveOnKafka = new TreeMap<>();
            ownEvents(onKafka, "DeploymentCompleted").forEach(e -> liveOnKafka.put(e.get("deploymentId").asText(), e.get("liveOn").asText()));
            Map<String, String> liveExpected = new TreeMap<>();
            deploymentOf.forEach((d, l) -> liveExpected.put(d, liveOn.get(l).toString()));
            discrepancies.check("live dates on Kafka", liveExpected, liveOnKafka);
            awaitSse(sse, "DeploymentCompleted", 6);
            discrepancies.check("deployments accepted over SSE", expectedDeployments, sseIds(sse, "DeploymentAccepted"));
            discrepancies.check("deployments completed over SSE", expectedDeployments, sseIds(sse, "DeploymentCompleted"));
            List<Long> sseNumbers = sse.events().stream().map(e -> Long.parseLong(e.id())).toList();
            discrepancies.check("SSE event ids ascending without repeats", sseNumbers.stream().sorted().distinct().toList(), sseNumbers);
            discrepancies.check("SSE events on the operator's own stream", 18, sse.events().size());

            for (String licenseId : adopterOf.keySet()) {
                JsonNode license = market.license(adopterOf.get(licenseId).user(), licenseId);
                discrepancies.check("licence " + licenseId + " state", "ACTIVE", license.get("state").asText());
                discrepancies.check("licence " + licenseId + " activatedOn", liveOn.get(licenseId).toString(),
                        license.path("activatedOn").asText());
            }

            // The catalog counts the adoptions; an adopter with an active licence reviews solution B.
            awaitAdoptions(solutionA, 3);
            awaitAdoptions(solutionB, 3);
            JsonNode review = market.expect(201, "POST", "catalog", "/api/solutions/" + solutionB + "/reviews", ULM.user(), """
                    {"stars":5,"report":"Seit dem ersten Tag im Betrieb; die Umlage sinkt mit jeder Kommune, die dazukommt."}""");

            // Bamberg gives notice on solution A: its first date is refused with the earliest allowed one.
            String bambergA = adopterOf.entrySet().stream()
                    .filter(e -> e.getValue() == BAMBERG && solutionOf.get(e.getKey()).equals(solutionA)).findFirst().orElseThrow().getKey();
            giveNotice(bambergA, liveOn.get(bambergA));
            // The notice names an end in the future: the licence counts as adopted until then.
            market.awaitConsumed("catalog-service", EVENTUALLY, "licensing.licenses");

            // The billing admin bills the month; billing has read every licence and directory event by then.
            market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
            JsonNode currentMonth = market.expect(422, "POST", "billing", "/api/billing-runs", "billing",
                    "{\"period\":\"" + YearMonth.now(Marketplace.ZONE) + "\"}");
            discrepancies.check("the current month is refused naming", "period", currentMonth.at("/violations/0/field").asText());
            JsonNode run = market.runBilling(period.toString(), Duration.ofMinutes(2));
            discrepancies.require("the run issued invoices for the three adopters (issued " + run.at("/counts/invoicesIssued") + ")",
                    run.at("/counts/invoicesIssued").asInt() >= 3);

            Map<Adopter, Map<String, String>> expectedLines = new LinkedHashMap<>();
            expectedLines.put(KOELN, Map.of(solutionA, "150.00", solutionB, "8398.13"));
            expectedLines.put(ULM, Map.of(solutionA, "1600.00", solutionB, "995.33"));
            expectedLines.put(BAMBERG, Map.of(solutionA, "650.00", solutionB, "404.36"));
            Map<Adopter, Integer> expectedDays = Map.of(KOELN, 15, ULM, 30, BAMBERG, 20);
            for (Adopter adopter : ADOPTERS) {
                checkInvoice(adopter, period, expectedLines.get(adopter), expectedDays.get(adopter), solutionA);
            }

            checkStatement(period, solutionA, solutionB, expectedLines);

            // The catalog shows the adoptions (Bamberg's notice ends its adoption of A only after endsOn) and the review.
            JsonNode a = market.expect(200, "GET", "catalog", "/api/solutions/" + solutionA, null, null);
            discrepancies.check("adoption count of " + sensors, 3, a.get("adoptionCount").asInt());
            JsonNode shown = market.expect(200, "GET", "catalog", "/api/solutions/" + solutionB, null, null);
            discrepancies.check("adoption count of " + portal, 3, shown.get("adoptionCount").asInt());
            discrepancies.check("rating count of " + portal, 1, shown.at("/rating/count").asInt());
            discrepancies.check("rating average of " + portal, "5.0", new BigDecimal(shown.at("/rating/average").asText()).setScale(1).toString());
            JsonNode reviews = market.expect(200, "GET", "catalog", "/api/solutions/" + solutionB + "/reviews", null, null);
            discrepancies.check("reviews shown", Set.of(review.get("id").asText()), ids(reviews.get("items"), "id"));
            discrepancies.check("review author", ULM.ags(), reviews.at("/items/0/authorAgs").asText());
        }
    }

    /** A draft without the quality declarations, a prototype known in one environment only. */
    private String draft(String name) {
        return market.expect(201, "POST", "catalog", "/api/solutions", PROVIDER, """
                {"name":"%s","summary":"Sensoren melden freie Parkplätze in Echtzeit.",
                 "description":"Bodensensoren, LoRaWAN und eine Datenplattform mit OGC SensorThings API.",
                 "category":"MOBILITY","sourceLicense":"EUPL-1.2","maturity":"PROTOTYPE","hostingModes":["CLOUD"],
                 "standards":["OGC SensorThings API"],"supportedOperatorTypes":["REGIONAL_IT_PROVIDER"],
                 "referenceEnvironments":[{"municipality":"Köln","ags":"05315000","operator":"Eigenbetrieb","hostingMode":"CLOUD"}],
                 "approvalPolicy":"AUTO"}""".formatted(name)).get("id").asText();
    }

    /** Publishing is refused with 422 naming each unmet MUST criterion; the complete entry passes the gate. */
    private void refusedByTheGateThenFixed(String id, String name) {
        JsonNode refused = market.expect(422, "POST", "catalog", "/api/solutions/" + id + "/publish", PROVIDER, null);
        Set<String> unmet = new TreeSet<>();
        refused.get("unmetCriteria").forEach(c -> unmet.add(c.get("criterion").asText()));
        discrepancies.check("unmet MUST criteria in the 422", new TreeSet<>(Set.of("DOCUMENTATION_LINK", "DATA_PROTECTION_STATEMENT",
                "IT_SECURITY_CONCEPT", "ACCESSIBILITY", "REFERENCE_ENVIRONMENTS", "MATURITY")), unmet);
        Set<String> violated = new TreeSet<>();
        refused.get("violations").forEach(v -> violated.add(v.get("field").asText()));
        discrepancies.require("the 422 names a field per unmet criterion: " + violated, violated.size() == unmet.size());
        discrepancies.check("a refused draft stays private", 404, stack.get("catalog", "/api/solutions/" + id, null).statusCode());

        JsonNode fixed = market.expect(200, "PUT", "catalog", "/api/solutions/" + id, PROVIDER, Marketplace.solutionJson(name, "AUTO"));
        discrepancies.check("the fixed entry passes the gate", true, fixed.at("/readiness/publishable").asBoolean());
    }

    private void giveNotice(String licenseId, LocalDate activatedOn) {
        LocalDate today = Marketplace.today();
        LocalDate bound = today.plusDays(30);
        LocalDate minimumTerm = activatedOn.plusMonths(3).minusDays(1);
        if (minimumTerm.isAfter(bound)) {
            bound = minimumTerm;
        }
        String earliest = YearMonth.from(bound).atEndOfMonth().toString();
        String tooEarly = YearMonth.from(today).atEndOfMonth().toString();
        JsonNode refused = market.expect(422, "POST", "licensing", "/api/licenses/" + licenseId + "/terminate", BAMBERG.user(),
                "{\"endsOn\":\"" + tooEarly + "\"}");
        discrepancies.check("earliest allowed end named by the 422", earliest, refused.path("earliestEndsOn").asText());
        JsonNode terminated = market.expect(200, "POST", "licensing", "/api/licenses/" + licenseId + "/terminate", BAMBERG.user(),
                "{\"endsOn\":\"" + earliest + "\"}");
        discrepancies.check("endsOn after notice", earliest, terminated.path("endsOn").asText());
        discrepancies.check("state after notice (active until endsOn)", "ACTIVE", terminated.get("state").asText());
    }

    private void checkInvoice(Adopter adopter, YearMonth period, Map<String, String> lines, int flatOrPerInhabitantDays,
            String solutionA) throws Exception {
        JsonNode list = market.expect(200, "GET", "billing", "/api/invoices?period=" + period, adopter.user(), null);
        if (!discrepancies.check(adopter.name() + ": invoices for " + period, 1, list.get("total").asInt())) {
            return;
        }
        String id = list.at("/items/0/id").asText();
        JsonNode invoice = market.expect(200, "GET", "billing", "/api/invoices/" + id, adopter.user(), null);
        Map<String, String> actualLines = new TreeMap<>();
        Map<String, Integer> days = new TreeMap<>();
        for (JsonNode line : invoice.get("lines")) {
            actualLines.merge(line.get("solutionId").asText(), money(line.get("netAmount")).toString(), (x, y) -> x + "+" + y);
            days.put(line.get("solutionId").asText(), line.get("billableDays").asInt());
        }
        discrepancies.check(adopter.name() + ": lines", new TreeMap<>(lines), actualLines);
        discrepancies.check(adopter.name() + ": billable days of the FLAT/PER_INHABITANT line", flatOrPerInhabitantDays, days.get(solutionA));
        BigDecimal net = lines.values().stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vat = VAT_RATE.multiply(net).setScale(2, RoundingMode.HALF_UP);
        if (adopter == KOELN) {
            // docs/DOMAIN.md spells Köln's totals out
            discrepancies.check("Köln's net per docs/DOMAIN.md", "8548.13", net.toString());
            discrepancies.check("Köln's VAT per docs/DOMAIN.md", "1624.14", vat.toString());
        }
        discrepancies.check(adopter.name() + ": net", net, money(invoice.get("netTotal")));
        discrepancies.check(adopter.name() + ": VAT", vat, money(invoice.get("vatTotal")));
        discrepancies.check(adopter.name() + ": gross", net.add(vat), money(invoice.get("grossTotal")));
        discrepancies.check(adopter.name() + ": Leitweg-ID (BT-10)", Marketplace.leitwegId(adopter.ags()), invoice.at("/buyer/leitwegId").asText());
        discrepancies.check(adopter.name() + ": the billing admin sees the invoice", Set.of(id), ids(market.expect(200, "GET", "billing",
                "/api/invoices?period=" + period + "&municipality=" + adopter.ags(), "billing", null).get("items"), "id"));

        HttpResponse<String> xml = stack.get("billing", "/api/invoices/" + id + "/xrechnung", market.token(adopter.user()));
        discrepancies.check(adopter.name() + ": XRechnung download", 200, xml.statusCode());
        discrepancies.require(adopter.name() + ": XRechnung is XML", xml.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        String number = invoice.get("number").asText();
        XRechnungValidation.Verdict verdict = XRechnungValidation.of(xml.body(), number);
        discrepancies.require(adopter.name() + ": XRechnung " + number + " " + verdict.report(), verdict.valid());
        discrepancies.require(adopter.name() + ": XRechnung carries the Leitweg-ID",
                xml.body().contains("<ram:BuyerReference>" + Marketplace.leitwegId(adopter.ags()) + "</ram:BuyerReference>"));
        discrepancies.require(adopter.name() + ": XRechnung carries the gross total",
                xml.body().contains("<ram:GrandTotalAmount>" + net.add(vat) + "</ram:GrandTotalAmount>"));
    }

    private void checkStatement(YearMonth period, String solutionA, String solutionB, Map<Adopter, Map<String, String>> expectedLines) {
        JsonNode statements = market.expect(200, "GET", "billing", "/api/statements?period=" + period, PROVIDER, null);
        if (!discrepancies.check("statements the provider gets", 1, statements.get("items").size())) {
            return;
        }
        JsonNode statement = statements.at("/items/0");
        discrepancies.check("statement's provider", PROVIDER_AGS, statement.get("providerAgs").asText());
        Map<String, String> ours = new TreeMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode revenue : statement.get("revenues")) {
            BigDecimal net = money(revenue.get("net"));
            sum = sum.add(net);
            String solution = revenue.get("solutionId").asText();
            if (solution.equals(solutionA) || solution.equals(solutionB)) {
                ours.merge(solution + "/" + revenue.get("adopterAgs").asText(), net.toString(), (x, y) -> x + "+" + y);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        expectedLines.forEach((adopter, lines) -> lines.forEach((solution, net) -> expected.put(solution + "/" + adopter.ags(), net)));
        discrepancies.check("statement revenues of the journey's solutions per adopter", expected, ours);
        BigDecimal total = money(statement.get("netRevenue"));
        BigDecimal fee = new BigDecimal(statement.get("platformFeeRate").asText()).multiply(total).setScale(2, RoundingMode.HALF_UP);
        discrepancies.check("statement: sum of revenues = net revenue", sum, total);
        discrepancies.check("statement: platform fee = round(rate × net revenue)", fee, money(statement.get("platformFee")));
        discrepancies.check("statement: payout = net revenue − fee", total.subtract(fee), money(statement.get("payout")));
    }

    private void awaitAdoptions(String solutionId, int count) {
        try {
            market.awaitJson("catalog", "/api/solutions/" + solutionId, null, EVENTUALLY, s -> s.get("adoptionCount").asInt() == count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            discrepancies.add("adoption count of " + solutionId + " did not become " + count + ": "
                    + market.expect(200, "GET", "catalog", "/api/solutions/" + solutionId, null, null).get("adoptionCount"));
        }
    }

    private void awaitSse(SseStream sse, String type, int count) {
        try {
            await().atMost(EVENTUALLY).until(() -> sse.events().stream().filter(e -> type.equals(e.name())).count() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            discrepancies.add("SSE: fewer than " + count + " " + type + " events: " + sse.text());
        }
    }

    private Set<String> sseIds(SseStream sse, String type) {
        return sse.events().stream().filter(e -> type.equals(e.name()))
                .map(e -> stack.read(e.data()).get("deploymentId").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The operator's own events of a type, as its Kafka consumer keeps them: {@code operatorId} is ours. */
    private List<JsonNode> ownEvents(List<Received> records, String type) {
        List<JsonNode> own = new ArrayList<>();
        for (Received r : records) {
            JsonNode event = stack.read(r.value());
            if (type.equals(r.header("ce_type")) && operatorId.equals(event.path("operatorId").asText())) {
                own.add(event);
            }
        }
        return own;
    }

    private static Set<String> ids(Iterable<JsonNode> nodes, String field) {
        Set<String> ids = new TreeSet<>();
        nodes.forEach(n -> ids.add(n.get(field).asText()));
        return ids;
    }

    private static Set<String> ids(Map<String, String> solutionOf, String solutionId) {
        return solutionOf.entrySet().stream().filter(e -> e.getValue().equals(solutionId)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static BigDecimal money(JsonNode amount) {
        return new BigDecimal(amount.asText()).setScale(2, RoundingMode.HALF_UP);
    }
}

package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A scaling round acted out on the real stack through the public REST APIs (docs/DOMAIN.md, "Scaling rounds
 * and break-even"): a provider municipality opens a round for its solution; three municipalities pledge
 * contributions and commitments (one withdraws and pledges again); refusals change nothing; the provider
 * closes the round early once the target is met. Then, across the three services:
 * <ul>
 * <li>licensing turns each commitment into a licence approved automatically (the solution needs manual
 * approval otherwise), and a municipality that already holds a licence of the solution gets its commitment
 * refused visibly (REJECTED with a reason), not lost;</li>
 * <li>billing's next run puts each contribution once on the pledger's invoice as a "Skalierungsbeitrag"
 * line with the round's VAT, also for a pledger with no licence at all; the XRechnung passes Mustang's
 * validator; the provider's statement shows the contributions; starting the same period again and running
 * the following period add nothing;</li>
 * <li>break-even answers the provider with the rule's figures and refuses another provider.</li>
 * </ul>
 * A round that fails at its date is pinned by the services' own tests (catalog closes it with a shifted
 * clock; billing and licensing act on nothing for FAILED): the shared stack runs on the real clock.
 */
@Order(650)
class ScalingRoundJourneyTest {

    static final String STATE = "14";
    static final Duration EVENTUALLY = Duration.ofSeconds(90);
    static final BigDecimal VAT_RATE = new BigDecimal("0.19");
    static final BigDecimal FEE = new BigDecimal("250.00");

    record Municipality(String user, String ags, String name) {
    }

    static LocalStack stack;
    static Marketplace market;

    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);
    int municipalities;
    int checks;

    @BeforeAll
    static void theMarketplaceRuns() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
    }

    @Test
    void municipalitiesFinanceAScalingRoundAndEachServiceActsOnItOnce() throws Exception {
        try {
            journey();
        } catch (AssertionError | RuntimeException e) {
            discrepancies.add("the scaling round journey stopped: " + e);
        } finally {
            discrepancies.report("E2E scaling round: " + checks + " checks");
        }
    }

    private void journey() throws Exception {
        // The directory: a provider municipality, three pledgers, one bystander, an operator for their state.
        Municipality provider = municipality("provider", "Skalierstadt", List.of("provider", "adopter"));
        Municipality first = municipality("eins", "Erstbeitrag", List.of("adopter"));
        Municipality second = municipality("zwei", "Zweitbeitrag", List.of("adopter"));
        Municipality third = municipality("drei", "Drittbeitrag", List.of("adopter"));
        Municipality otherProvider = municipality("anders", "Andersstadt", List.of("provider", "adopter"));
        String operatorId = "round-ops-" + tag;
        market.operator(operatorId, "Rundenbetrieb " + tag, "REGIONAL_IT_PROVIDER", 50, List.of(STATE));

        // The solution needs the provider's approval for ordinary requests; a second solution's plan must be refused.
        Marketplace.Published solution = market.publishedSolution(provider.user(),
                Marketplace.solutionJson("Skalierbare Lösung " + tag, "MANUAL"), """
                {"name":"Pauschal","model":"FLAT","monthlyFee":%s,"vatRate":0.19,"vatCategory":"S"}""".formatted(FEE));
        Marketplace.Published foreign = market.publishedSolution(otherProvider.user(),
                Marketplace.solutionJson("Fremde Lösung " + tag, "AUTO"), Marketplace.flatPlanJson("Fremd", "90.00"));
        Marketplace.Published doomed = market.publishedSolution(provider.user(),
                Marketplace.solutionJson("Auslaufende Lösung " + tag, "AUTO"), Marketplace.flatPlanJson("Alt", "50.00"));

        // The third municipality already holds a licence of the solution: its commitment will meet the 409 rule.
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");
        JsonNode held = market.requestLicense(third.user(), solution.solutionId(), solution.planId(), operatorId);
        check("an ordinary request of the MANUAL solution waits for approval", "REQUESTED", held.get("state").asText());

        // --- opening -----------------------------------------------------------------------------------
        String closesOn = Marketplace.today().plusDays(30).toString();
        String roundJson = """
                {"purposes":[{"purpose":"Mandantenfähigkeit","amount":6000.00},{"purpose":"Betrieb in der Cloud","amount":4000.00}],
                 "target":10000.00,"closesOn":"%s","minParticipants":3,"vatCategory":"S","vatRate":0.19}""".formatted(closesOn);
        refused("purposes not summing to the target", 422, "POST", "/api/solutions/" + solution.solutionId() + "/scaling-rounds",
                provider.user(), roundJson.replace("\"target\":10000.00", "\"target\":12000.00"), solution.solutionId());
        refused("a round for another provider's solution", 403, "POST", "/api/solutions/" + foreign.solutionId() + "/scaling-rounds",
                provider.user(), roundJson, foreign.solutionId());
        refused("a closing date in the past", 422, "POST", "/api/solutions/" + solution.solutionId() + "/scaling-rounds",
                provider.user(), roundJson.replace(closesOn, Marketplace.today().minusDays(1).toString()), solution.solutionId());
        JsonNode round = market.expect(201, "POST", "catalog", "/api/solutions/" + solution.solutionId() + "/scaling-rounds",
                provider.user(), roundJson);
        String roundId = round.get("id").asText();
        check("a new round is open", "OPEN", round.get("state").asText());
        String pledges = "/api/scaling-rounds/" + roundId + "/pledges";

        // A round on a solution that is deprecated afterwards takes no pledges.
        JsonNode doomedRound = market.expect(201, "POST", "catalog", "/api/solutions/" + doomed.solutionId() + "/scaling-rounds",
                provider.user(), roundJson);
        market.expect(200, "POST", "catalog", "/api/solutions/" + doomed.solutionId() + "/deprecate", provider.user(), null);

        // --- pledging ------------------------------------------------------------------------------------
        String planId = solution.planId();
        pledge(first, pledges, "5000.00", planId, operatorId, 201);
        pledge(second, pledges, "3000.00", null, null, 201);
        market.expect(204, "DELETE", "catalog", pledges + "/mine", second.user(), null);
        JsonNode afterWithdrawal = round(roundId, null);
        check("totals after the withdrawal", new BigDecimal("5000.00"), money(afterWithdrawal.get("pledgedTotal")));
        check("participants after the withdrawal", 1, afterWithdrawal.get("participants").asInt());
        refused("an early close before the target is met", 409, "POST", "/api/scaling-rounds/" + roundId + "/close",
                provider.user(), null, roundId);
        pledge(second, pledges, "3000.00", planId, operatorId, 201);
        pledge(third, pledges, "1500.00", planId, operatorId, 201);
        pledge(third, pledges, "2000.00", planId, operatorId, 200); // a second pledge replaces the first

        refused("the provider pledging to its own round", 422, "POST", pledges, provider.user(),
                pledgeJson("1000.00", null, null), roundId);
        refused("a commitment to another solution's plan", 422, "POST", pledges, otherProvider.user(),
                pledgeJson("1000.00", foreign.planId(), operatorId), roundId);
        refused("a pledge on a deprecated solution", 409, "POST", "/api/scaling-rounds/" + doomedRound.get("id").asText() + "/pledges",
                first.user(), pledgeJson("1000.00", null, null), doomedRound.get("id").asText());
        refused("a close by somebody else than the provider", 403, "POST", "/api/scaling-rounds/" + roundId + "/close",
                first.user(), null, roundId);

        JsonNode anonymous = stack.get("catalog", "/api/scaling-rounds/" + roundId, null).statusCode() == 200
                ? stack.read(stack.get("catalog", "/api/scaling-rounds/" + roundId, null).body()) : null;
        require("anyone can read the round", anonymous != null);
        if (anonymous != null) {
            check("pledged total", new BigDecimal("10000.00"), money(anonymous.get("pledgedTotal")));
            check("participants", 3, anonymous.get("participants").asInt());
            require("an anonymous reader sees no pledges", anonymous.path("pledges").isMissingNode() || anonymous.path("pledges").isEmpty());
        }
        JsonNode asSecond = round(roundId, second.user());
        require("a pledger sees its own pledge and nobody else's", asSecond.path("myPledge").isObject()
                && (asSecond.path("pledges").isMissingNode() || asSecond.path("pledges").isEmpty()));
        check("the provider sees every pledge", 3, round(roundId, provider.user()).path("pledges").size());
        JsonNode view = market.expect(200, "GET", "catalog", "/api/solutions/" + solution.solutionId(), null, null);
        check("the solution shows its round", roundId, view.path("scalingRound").path("id").asText());

        // --- closing ---------------------------------------------------------------------------------------
        JsonNode closed = market.expect(200, "POST", "catalog", "/api/scaling-rounds/" + roundId + "/close", provider.user(), null);
        check("the round succeeded", "SUCCEEDED", closed.get("state").asText());
        refused("a pledge after the close", 409, "POST", pledges, first.user(), pledgeJson("100.00", null, null), roundId);
        refused("a withdrawal after the close", 409, "DELETE", pledges + "/mine", first.user(), null, roundId);

        // --- licensing: the commitments become licences --------------------------------------------------
        for (Municipality pledger : List.of(first, second)) {
            JsonNode list = market.awaitJson("licensing", "/api/licenses?solutionId=" + solution.solutionId(), pledger.user(), EVENTUALLY,
                    page -> page.get("items").size() >= 1);
            List<JsonNode> fromRound = fromRound(list, roundId);
            if (check(pledger.name() + ": licences from the round", 1, fromRound.size())) {
                check(pledger.name() + ": a commitment is approved automatically", "GRANTED", fromRound.get(0).get("state").asText());
            }
        }
        JsonNode thirds = market.awaitJson("licensing", "/api/licenses?solutionId=" + solution.solutionId(), third.user(), EVENTUALLY,
                page -> !fromRound(page, roundId).isEmpty());
        List<JsonNode> refusedCommitment = fromRound(thirds, roundId);
        if (check(third.name() + ": the refused commitment is on record", 1, refusedCommitment.size())) {
            JsonNode detail = market.license(third.user(), refusedCommitment.get(0).get("id").asText());
            check(third.name() + ": the commitment met the 409 rule", "REJECTED", detail.get("state").asText());
            require(third.name() + ": the refusal says why: " + detail, detail.toString().contains(held.get("id").asText())
                    || detail.toString().toLowerCase().contains("lizenz"));
        }

        // --- billing: the contributions on the next invoices, once ----------------------------------------
        market.awaitConsumed("billing-service", EVENTUALLY, "catalog.rounds", "licensing.licenses", "catalog.directory");
        YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(1), month -> true);
        market.runBilling(period.toString(), Duration.ofMinutes(3));
        Map<Municipality, BigDecimal> contributions = new LinkedHashMap<>();
        contributions.put(first, new BigDecimal("5000.00"));
        contributions.put(second, new BigDecimal("3000.00"));
        contributions.put(third, new BigDecimal("2000.00"));
        for (Map.Entry<Municipality, BigDecimal> c : contributions.entrySet()) {
            Municipality pledger = c.getKey();
            List<JsonNode> lines = contributionLines(pledger);
            if (check(pledger.name() + ": contribution lines after the run of " + period, 1, lines.size())) {
                JsonNode line = lines.get(0);
                check(pledger.name() + ": contribution net", c.getValue(), money(line.get("netAmount")));
            }
            for (JsonNode invoice : invoices(pledger, period)) {
                JsonNode full = market.expect(200, "GET", "billing", "/api/invoices/" + invoice.get("id").asText(), pledger.user(), null);
                if (hasContribution(full)) {
                    BigDecimal vat = c.getValue().multiply(VAT_RATE).setScale(2, RoundingMode.HALF_UP);
                    check(pledger.name() + ": VAT of the contribution invoice", vat, money(full.get("vatTotal")));
                    validXRechnung(pledger, full);
                }
            }
        }
        JsonNode statement = market.expect(200, "GET", "billing", "/api/statements?period=" + period + "&provider=" + provider.ags(),
                provider.user(), null);
        BigDecimal fromSolution = BigDecimal.ZERO;
        for (JsonNode item : statement.path("items").isArray() ? statement.get("items") : List.of(statement)) {
            for (JsonNode revenue : item.path("revenues")) {
                if (revenue.path("solutionId").asText().equals(solution.solutionId())) {
                    fromSolution = fromSolution.add(money(revenue.get("net")));
                }
            }
        }
        check("the provider's statement shows the contributions as revenue", new BigDecimal("10000.00"), fromSolution);

        // Starting the same period again and running the next unbilled one add nothing.
        market.runBilling(period.toString(), Duration.ofMinutes(3));
        YearMonth earlier = market.unbilledPeriod(period.minusMonths(1), month -> true);
        market.runBilling(earlier.toString(), Duration.ofMinutes(3));
        for (Municipality pledger : contributions.keySet()) {
            check(pledger.name() + ": contribution lines after two more runs", 1, contributionLines(pledger).size());
        }

        // --- break-even ----------------------------------------------------------------------------------
        JsonNode breakEven = market.expect(200, "GET", "billing", "/api/break-even?solutionId=" + solution.solutionId()
                + "&investment=10000&monthlyCost=100", provider.user(), null);
        check("break-even: investment", new BigDecimal("10000.00"), money(breakEven.get("investment")));
        check("break-even: 36 months of curve", 36, breakEven.get("curve").size());
        BigDecimal revenueNow = money(breakEven.get("revenueNow"));
        BigDecimal margin = revenueNow.subtract(new BigDecimal("100"));
        if (margin.signum() > 0) {
            long months = new BigDecimal("10000").divide(margin, 0, RoundingMode.CEILING).longValueExact();
            check("break-even: months now", months, breakEven.get("monthsToBreakEvenNow").asLong());
        } else {
            require("break-even: never with revenue " + revenueNow, breakEven.get("monthsToBreakEvenNow").isNull());
        }
        check("break-even: month 36 now", new BigDecimal("-10000").add(margin.multiply(BigDecimal.valueOf(36))).setScale(2),
                money(breakEven.get("curve").get(35).get("cumulativeNow")));
        require("break-even: the pipeline (granted commitments) adds revenue",
                money(breakEven.get("revenueWithPipeline")).compareTo(revenueNow) > 0);
        HttpResponse<String> foreignBreakEven = stack.get("billing", "/api/break-even?solutionId=" + solution.solutionId()
                + "&investment=10000&monthlyCost=100", market.token(otherProvider.user()));
        check("break-even of another provider's solution", 403, foreignBreakEven.statusCode());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private Municipality municipality(String user, String name, List<String> roles) {
        String ags = market.unregisteredAgs(STATE);
        Municipality m = new Municipality("round-" + user + "-" + tag, ags, name + " " + tag);
        market.municipality(ags, m.name(), 15_000 + ++municipalities);
        market.user(m.user(), roles, Map.of("municipality", ags));
        return m;
    }

    private static String pledgeJson(String contribution, String planId, String operatorId) {
        return planId == null ? "{\"contribution\":%s}".formatted(contribution)
                : "{\"contribution\":%s,\"commitPlanId\":\"%s\",\"commitOperatorId\":\"%s\"}".formatted(contribution, planId, operatorId);
    }

    private void pledge(Municipality pledger, String path, String contribution, String planId, String operatorId, int status) {
        JsonNode round = market.expect(status, "POST", "catalog", path, pledger.user(), pledgeJson(contribution, planId, operatorId));
        check(pledger.name() + ": own pledge after pledging", new BigDecimal(contribution), money(round.path("myPledge").path("contribution")));
    }

    private JsonNode round(String roundId, String user) {
        return market.expect(200, "GET", "catalog", "/api/scaling-rounds/" + roundId, user, null);
    }

    /** A refused request: the status, a problem+json body, and the round (or solution) unchanged. */
    private void refused(String what, int status, String method, String path, String user, String body, String subjectId) {
        String before = subjectSnapshot(subjectId);
        HttpResponse<String> response = stack.request(method, "catalog", path, market.token(user), body);
        check(what + ": status (" + response.body() + ")", status, response.statusCode());
        require(what + ": problem+json", response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        check(what + ": nothing changed", before, subjectSnapshot(subjectId));
    }

    /** What a refusal must leave as it was: the round's totals, or the solution's rounds. */
    private String subjectSnapshot(String id) {
        HttpResponse<String> round = stack.get("catalog", "/api/scaling-rounds/" + id, null);
        if (round.statusCode() == 200) {
            JsonNode r = stack.read(round.body());
            return r.get("state").asText() + " " + r.get("pledgedTotal").asText() + " " + r.get("participants").asText();
        }
        return stack.get("catalog", "/api/scaling-rounds?solutionId=" + id, null).body();
    }

    private static List<JsonNode> fromRound(JsonNode page, String roundId) {
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(l -> {
            if (roundId.equals(l.path("scalingRoundId").asText())) {
                found.add(l);
            }
        });
        return found;
    }

    private List<JsonNode> invoices(Municipality m, YearMonth period) {
        List<JsonNode> items = new ArrayList<>();
        market.expect(200, "GET", "billing", "/api/invoices?period=" + period + "&size=100", m.user(), null).get("items").forEach(items::add);
        return items;
    }

    /** The contribution lines on all of the municipality's invoices. */
    private List<JsonNode> contributionLines(Municipality m) {
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode summary : market.expect(200, "GET", "billing", "/api/invoices?size=100", m.user(), null).get("items")) {
            JsonNode invoice = market.expect(200, "GET", "billing", "/api/invoices/" + summary.get("id").asText(), m.user(), null);
            invoice.get("lines").forEach(line -> {
                if (line.path("description").asText().startsWith("Skalierungsbeitrag")) {
                    lines.add(line);
                }
            });
        }
        return lines;
    }

    private static boolean hasContribution(JsonNode invoice) {
        for (JsonNode line : invoice.get("lines")) {
            if (line.path("description").asText().startsWith("Skalierungsbeitrag")) {
                return true;
            }
        }
        return false;
    }

    private void validXRechnung(Municipality m, JsonNode invoice) throws Exception {
        HttpResponse<String> xml = stack.get("billing", "/api/invoices/" + invoice.get("id").asText() + "/xrechnung", market.token(m.user()));
        if (!check(m.name() + ": XRechnung download", 200, xml.statusCode())) {
            return;
        }
        require(m.name() + ": the XRechnung names the contribution", xml.body().contains("Skalierungsbeitrag"));
        XRechnungValidation.Verdict verdict = XRechnungValidation.of(xml.body(), invoice.get("number").asText());
        require(m.name() + ": XRechnung " + verdict.report(), verdict.valid());
    }

    private boolean check(String what, Object expected, Object actual) {
        checks++;
        return discrepancies.check(what, expected, actual);
    }

    private boolean require(String what, boolean holds) {
        checks++;
        return discrepancies.require(what, holds);
    }

    private static BigDecimal money(JsonNode amount) {
        return amount == null || amount.isMissingNode() || amount.isNull() ? null
                : new BigDecimal(amount.asText()).setScale(2, RoundingMode.HALF_UP);
    }
}

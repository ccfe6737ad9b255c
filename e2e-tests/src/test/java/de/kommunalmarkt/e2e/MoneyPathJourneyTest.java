package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The money path after the invoice, acted out through the public REST APIs on the real stack (docs/DOMAIN.md,
 * "Late facts and corrections", "VAT categories", "Payments and dunning"), with the amounts computed here
 * from the rule, round(fee × days / D) half up:
 *
 * <ol>
 * <li><b>Late activation.</b> Adopter A holds a granted licence (FLAT 310.00, setup fee 100.00, S 19 %);
 * month M is billed without it; then the operator reports it live on the 20th of M. The run of M+1 puts
 * on A's invoice its usage of M+1, a catch-up line for M ({@code correctsPeriod} M, D − 19 of D days) and
 * the setup fee (for M); its XRechnung passes Mustang's validator.</li>
 * <li><b>Back-dated suspension.</b> Adopter B's licence on the same plan, live from the 1st of M, is
 * billed in full for M; a marketplace admin then suspends it from the 22nd of M and resumes it from the
 * 5th of M+1. The run of M+1 issues a credit note against B's invoice of M for the 10 suspended days of M
 * (usage only, the setup fee stays) and bills D' − 4 days of M+1; the credit note's XRechnung passes the
 * validator with type code 381, and B's invoice of M is left open by gross − the credit note's gross.</li>
 * <li><b>E and O.</b> Adopter C licenses an exempt plan (E, § 2b UStG) and one not subject to VAT (O);
 * it gets two invoices for M, the O line alone on one (EN 16931 BR-O-11..14), both accepted by the
 * validator (O: see {@link XRechnungValidation}).</li>
 * <li><b>Payment.</b> The billing admin books a payment of A's M+1 invoice's gross: PAID, open 0.00.</li>
 * </ol>
 *
 * <p>Periods: M and M+1 are the latest pair of consecutive months that are over and that no run has billed
 * (so no other class's period), M not more than 11 months back (licensing takes a suspension at most 12
 * months back). The class runs after the other journeys (order 600), so it takes only periods they left;
 * its municipalities are fresh AGS of its own, its solutions its own.
 */
@Order(600)
class MoneyPathJourneyTest {

    record Adopter(String user, String ags, String name) {
    }

    static final String PROVIDER = "koeln";
    static final BigDecimal VAT_RATE = new BigDecimal("0.19");
    static final BigDecimal FLAT_FEE = new BigDecimal("310.00");
    static final BigDecimal SETUP_FEE = new BigDecimal("100.00");
    static final BigDecimal EXEMPT_FEE = new BigDecimal("120.00");
    static final BigDecimal OUT_OF_SCOPE_FEE = new BigDecimal("90.00");
    static final String EXEMPT_REASON = "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)";
    static final String OUT_OF_SCOPE_REASON = "Nicht steuerbar (hoheitliche Tätigkeit)";
    static final String STATE = "13";
    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    static LocalStack stack;
    static Marketplace market;

    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);
    final String operatorId = "money-ops-" + tag;
    final String operatorUser = "money-operator-" + tag;
    int checks;

    @BeforeAll
    static void theMarketplaceRuns() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
    }

    @Test
    void lateFactsAreCorrectedVatScopesSplitAndAPaymentSettlesAnInvoice() throws Exception {
        try {
            journey();
        } catch (AssertionError | RuntimeException e) {
            discrepancies.add("the money path stopped: " + e);
        } finally {
            discrepancies.report("E2E money path: " + checks + " checks");
        }
    }

    private void journey() throws Exception {
        YearMonth latestOver = YearMonth.now(Marketplace.ZONE).minusMonths(1);
        YearMonth earliest = YearMonth.now(Marketplace.ZONE).minusMonths(11);
        YearMonth m = market.unbilledPeriod(latestOver.minusMonths(1), month -> !month.isBefore(earliest) && unbilled(month.plusMonths(1)));
        YearMonth next = m.plusMonths(1);
        int d = m.lengthOfMonth();
        int dNext = next.lengthOfMonth();
        System.out.printf("E2E money path: periods %s (D = %d) and %s (D = %d)%n", m, d, next, dNext);

        // The directory: three municipalities of this run alone, and an operator serving their state.
        Set<String> taken = new HashSet<>();
        Adopter late = adopter("spaet", "Spätstart", taken);
        Adopter paused = adopter("pause", "Ruhepause", taken);
        Adopter sovereign = adopter("hoheit", "Hoheitsstadt", taken);
        market.operator(operatorId, "Geldpfad Betrieb", "REGIONAL_IT_PROVIDER", 10, List.of(STATE));
        market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));

        // The provider publishes three solutions: a flat plan with setup fee (S 19 %), an exempt one and one not subject to VAT.
        Marketplace.Published flat = market.publishedSolution(PROVIDER, Marketplace.solutionJson("Geldpfad Betrieb " + tag, "AUTO"), """
                {"name":"Pauschal mit Einrichtung","model":"FLAT","monthlyFee":%s,"setupFee":%s,"vatRate":0.19,"vatCategory":"S"}"""
                .formatted(FLAT_FEE, SETUP_FEE));
        Marketplace.Published exempt = market.publishedSolution(PROVIDER, Marketplace.solutionJson("Geldpfad Kooperation " + tag, "AUTO"), """
                {"name":"Interkommunal","model":"FLAT","monthlyFee":%s,"vatRate":0,"vatCategory":"E","vatExemptionReason":"%s"}"""
                .formatted(EXEMPT_FEE, EXEMPT_REASON));
        Marketplace.Published outOfScope = market.publishedSolution(PROVIDER, Marketplace.solutionJson("Geldpfad Hoheit " + tag, "AUTO"), """
                {"name":"Hoheitlich","model":"FLAT","monthlyFee":%s,"vatRate":0,"vatCategory":"O","vatExemptionReason":"%s"}"""
                .formatted(OUT_OF_SCOPE_FEE, OUT_OF_SCOPE_REASON));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        // Licences: A's stays granted (not live) while M is billed; B's and C's are live from the 1st of M.
        String lateLicense = granted(late, flat);
        String pausedLicense = granted(paused, flat);
        String exemptLicense = granted(sovereign, exempt);
        String outOfScopeLicense = granted(sovereign, outOfScope);
        for (Map.Entry<String, Adopter> live : Map.of(pausedLicense, paused, exemptLicense, sovereign, outOfScopeLicense, sovereign).entrySet()) {
            market.deploy(operatorUser, deploymentOf(live.getValue(), live.getKey()), m.atDay(1));
            check("licence " + live.getKey() + " active", "ACTIVE", market.license(live.getValue().user(), live.getKey()).get("state").asText());
        }

        // --- the run of M --------------------------------------------------------------------------------
        market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
        market.runBilling(m.toString(), Duration.ofMinutes(2));

        check(late.name() + ": invoices for " + m + " (not live yet)", 0, invoices(late, m).size());

        List<JsonNode> pausedM = invoices(paused, m);
        JsonNode pausedInvoiceM = null;
        if (check(paused.name() + ": invoices for " + m, 1, pausedM.size())) {
            pausedInvoiceM = invoice(paused, pausedM.get(0).get("id").asText());
            check(paused.name() + ": lines of " + m, new TreeSet<>(List.of(line("USAGE", null, FLAT_FEE, d), line("SETUP_FEE", null, SETUP_FEE, null))),
                    lines(pausedInvoiceM));
            totals(paused.name() + " " + m, pausedInvoiceM, FLAT_FEE.add(SETUP_FEE), VAT_RATE);
            validXRechnung(paused.name() + " " + m, "/api/invoices/" + pausedInvoiceM.get("id").asText() + "/xrechnung", paused,
                    pausedInvoiceM.get("number").asText());
        }

        List<JsonNode> sovereignM = invoices(sovereign, m);
        if (check(sovereign.name() + ": invoices for " + m + " (E and O apart)", 2, sovereignM.size())) {
            Set<String> categoriesPerInvoice = new TreeSet<>();
            for (JsonNode summary : sovereignM) {
                JsonNode invoice = invoice(sovereign, summary.get("id").asText());
                Set<String> categories = new TreeSet<>();
                invoice.get("lines").forEach(l -> categories.add(l.get("vatCategory").asText()));
                categoriesPerInvoice.add(String.join("+", categories));
                boolean o = categories.contains("O");
                BigDecimal fee = o ? OUT_OF_SCOPE_FEE : EXEMPT_FEE;
                String what = sovereign.name() + " " + m + " " + (o ? "O" : "E");
                check(what + ": lines", new TreeSet<>(List.of(line("USAGE", null, fee, d))), lines(invoice));
                check(what + ": exemption reason", o ? OUT_OF_SCOPE_REASON : EXEMPT_REASON, invoice.at("/lines/0/vatExemptionReason").asText());
                totals(what, invoice, fee, BigDecimal.ZERO);
                String xml = validXRechnung(what, "/api/invoices/" + invoice.get("id").asText() + "/xrechnung", sovereign,
                        invoice.get("number").asText());
                require(what + ": XRechnung names the reason", xml.contains("<ram:ExemptionReason>" + (o ? OUT_OF_SCOPE_REASON : EXEMPT_REASON)
                        + "</ram:ExemptionReason>"));
                if (o) {
                    require(what + ": the seller named by tax number (BR-O-02)", xml.contains("schemeID=\"FC\""));
                }
            }
            check(sovereign.name() + ": VAT categories per invoice", new TreeSet<>(List.of("E", "O")), categoriesPerInvoice);
        }

        // --- late facts ----------------------------------------------------------------------------------
        LocalDate liveOn = m.atDay(20);
        market.deploy(operatorUser, deploymentOf(late, lateLicense), liveOn);
        JsonNode lateNow = market.license(late.user(), lateLicense);
        check(late.name() + ": state after the late report", "ACTIVE", lateNow.get("state").asText());
        check(late.name() + ": activatedOn", liveOn.toString(), lateNow.path("activatedOn").asText());

        LocalDate suspendedOn = m.atDay(22);
        LocalDate resumedOn = next.atDay(5);
        JsonNode suspended = market.expect(200, "POST", "licensing", "/api/licenses/" + pausedLicense + "/suspend", "admin",
                "{\"suspendedOn\":\"" + suspendedOn + "\"}");
        check(paused.name() + ": state after the back-dated suspension", "SUSPENDED", suspended.get("state").asText());
        JsonNode resumed = market.expect(200, "POST", "licensing", "/api/licenses/" + pausedLicense + "/resume", "admin",
                "{\"resumedOn\":\"" + resumedOn + "\"}");
        check(paused.name() + ": state after the resumption", "ACTIVE", resumed.get("state").asText());

        // --- the run of M+1 ------------------------------------------------------------------------------
        market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
        market.runBilling(next.toString(), Duration.ofMinutes(2));

        // 1. late activation: usage of M+1, catch-up usage for M (days 20..D), the setup fee for M
        int lateDays = d - liveOn.getDayOfMonth() + 1;
        BigDecimal catchUp = share(FLAT_FEE, lateDays, d);
        List<JsonNode> lateNext = invoices(late, next);
        JsonNode lateInvoice = null;
        if (check(late.name() + ": invoices for " + next, 1, lateNext.size())) {
            lateInvoice = invoice(late, lateNext.get(0).get("id").asText());
            check(late.name() + ": lines of " + next, new TreeSet<>(List.of(line("USAGE", null, FLAT_FEE, dNext),
                    line("USAGE", m, catchUp, lateDays), line("SETUP_FEE", m, SETUP_FEE, null))), lines(lateInvoice));
            List<String> correctsInvoice = new ArrayList<>();
            lateInvoice.get("lines").forEach(l -> correctsInvoice.add(l.path("correctsInvoice").asText("")));
            check(late.name() + ": no earlier invoice to name (BG-3)", List.of("", "", ""), correctsInvoice);
            BigDecimal net = FLAT_FEE.add(catchUp).add(SETUP_FEE);
            totals(late.name() + " " + next, lateInvoice, net, VAT_RATE);
            String xml = validXRechnung(late.name() + " " + next, "/api/invoices/" + lateInvoice.get("id").asText() + "/xrechnung", late,
                    lateInvoice.get("number").asText());
            require(late.name() + ": XRechnung names the corrected month's first day (invoicing period BG-14 / line period BG-26)",
                    xml.contains("<udt:DateTimeString format=\"102\">" + m.atDay(1).toString().replace("-", "") + "</udt:DateTimeString>"));
        }
        check(late.name() + ": credit notes", 0, creditNotes(late).size());

        // 2. back-dated suspension: a credit note for days 22..D of M, and days 5..D' of M+1 billed
        int pausedDaysM = suspendedOn.getDayOfMonth() - 1;
        int pausedDaysNext = dNext - resumedOn.getDayOfMonth() + 1;
        BigDecimal credit = FLAT_FEE.subtract(share(FLAT_FEE, pausedDaysM, d));
        BigDecimal creditVat = vat(credit, VAT_RATE);
        List<JsonNode> pausedNext = invoices(paused, next);
        if (check(paused.name() + ": invoices for " + next, 1, pausedNext.size())) {
            JsonNode invoice = invoice(paused, pausedNext.get(0).get("id").asText());
            BigDecimal usage = share(FLAT_FEE, pausedDaysNext, dNext);
            check(paused.name() + ": lines of " + next, new TreeSet<>(List.of(line("USAGE", null, usage, pausedDaysNext))), lines(invoice));
            totals(paused.name() + " " + next, invoice, usage, VAT_RATE);
        }
        List<JsonNode> notes = creditNotes(paused);
        if (check(paused.name() + ": credit notes", 1, notes.size()) && pausedInvoiceM != null) {
            String noteId = notes.get(0).get("id").asText();
            JsonNode note = market.expect(200, "GET", "billing", "/api/credit-notes/" + noteId, paused.user(), null);
            check(paused.name() + ": credit note corrects the invoice of " + m, pausedInvoiceM.get("id").asText(),
                    note.at("/correctsInvoice/id").asText());
            check(paused.name() + ": corrected invoice's period", m.toString(), note.at("/correctsInvoice/period").asText());
            check(paused.name() + ": credit note net = " + FLAT_FEE + " − round(" + FLAT_FEE + " × " + pausedDaysM + "/" + d + ")", credit,
                    money(note.get("netTotal")));
            check(paused.name() + ": credit note VAT", creditVat, money(note.get("vatTotal")));
            check(paused.name() + ": credit note gross", credit.add(creditVat), money(note.get("grossTotal")));
            List<String> noteLines = new ArrayList<>();
            note.get("lines").forEach(l -> noteLines.add(l.get("kind").asText() + " " + l.path("period").asText() + " " + money(l.get("netAmount"))));
            check(paused.name() + ": credit note lines (usage of " + m + " only, positive)", List.of("USAGE " + m + " " + credit), noteLines);
            String number = note.get("number").asText();
            require(paused.name() + ": credit note number " + number + " from the invoice sequence", number.matches("KM-\\d{4}-\\d{6}"));
            String xml = validXRechnung(paused.name() + " credit note", "/api/credit-notes/" + noteId + "/xrechnung", paused, number);
            require(paused.name() + ": credit note XRechnung has TypeCode 381", xml.contains("<ram:TypeCode>381</ram:TypeCode>"));
            require(paused.name() + ": credit note XRechnung names the corrected invoice (BG-3)",
                    xml.contains("<ram:IssuerAssignedID>" + pausedInvoiceM.get("number").asText() + "</ram:IssuerAssignedID>"));
            require(paused.name() + ": credit note XRechnung carries the gross",
                    xml.contains("<ram:GrandTotalAmount>" + credit.add(creditVat) + "</ram:GrandTotalAmount>"));

            JsonNode settledM = invoice(paused, pausedInvoiceM.get("id").asText());
            check(paused.name() + ": " + m + " invoice still open", "OPEN", settledM.get("status").asText());
            check(paused.name() + ": " + m + " open amount = gross − credit note gross",
                    money(pausedInvoiceM.get("grossTotal")).subtract(credit.add(creditVat)), money(settledM.get("openAmount")));
        }
        check(sovereign.name() + ": invoices for " + next + " (E and O apart)", 2, invoices(sovereign, next).size());
        check(sovereign.name() + ": credit notes", 0, creditNotes(sovereign).size());

        // 4. payment: the billing admin books A's M+1 gross
        if (lateInvoice != null) {
            String id = lateInvoice.get("id").asText();
            BigDecimal gross = money(lateInvoice.get("grossTotal"));
            check(late.name() + ": status before payment", "OPEN", lateInvoice.get("status").asText());
            JsonNode payment = market.expect(201, "POST", "billing", "/api/invoices/" + id + "/payments", "billing", """
                    {"amount":%s,"paidOn":"%s","reference":"Überweisung %s"}""".formatted(gross, Marketplace.today(), lateInvoice.get("number").asText()));
            check(late.name() + ": status the payment reports", "PAID", payment.get("invoiceStatus").asText());
            check(late.name() + ": open amount the payment reports", new BigDecimal("0.00"), money(payment.get("invoiceOpenAmount")));
            JsonNode paid = invoice(late, id);
            check(late.name() + ": status after payment", "PAID", paid.get("status").asText());
            check(late.name() + ": open amount after payment", new BigDecimal("0.00"), money(paid.get("openAmount")));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private boolean check(String what, Object expected, Object actual) {
        checks++;
        return discrepancies.check(what, expected, actual);
    }

    private boolean require(String what, boolean holds) {
        checks++;
        return discrepancies.require(what, holds);
    }

    private boolean unbilled(YearMonth month) {
        return market.expect(200, "GET", "billing", "/api/billing-runs?period=" + month, "billing", null).get("total").asLong() == 0;
    }

    /** A municipality of this run (an AGS of state 13 nobody registered), with an adopter user. */
    private Adopter adopter(String user, String name, Set<String> taken) {
        String ags = market.unregisteredAgs(STATE);
        taken.add(ags);
        Adopter adopter = new Adopter("money-" + user + "-" + tag, ags, name + " " + tag);
        market.municipality(ags, adopter.name(), 20_000 + taken.size());
        market.user(adopter.user(), List.of("adopter"), Map.of("municipality", ags));
        return adopter;
    }

    private String granted(Adopter adopter, Marketplace.Published solution) {
        JsonNode license = market.requestLicense(adopter.user(), solution.solutionId(), solution.planId(), operatorId);
        check(adopter.name() + ": AUTO request granted", "GRANTED", license.get("state").asText());
        return license.get("id").asText();
    }

    private String deploymentOf(Adopter adopter, String licenseId) {
        return market.license(adopter.user(), licenseId).get("deployment").get("id").asText();
    }

    private List<JsonNode> invoices(Adopter adopter, YearMonth period) {
        List<JsonNode> items = new ArrayList<>();
        market.expect(200, "GET", "billing", "/api/invoices?period=" + period, adopter.user(), null).get("items").forEach(items::add);
        return items;
    }

    private JsonNode invoice(Adopter adopter, String id) {
        return market.expect(200, "GET", "billing", "/api/invoices/" + id, adopter.user(), null);
    }

    private List<JsonNode> creditNotes(Adopter adopter) {
        List<JsonNode> items = new ArrayList<>();
        market.expect(200, "GET", "billing", "/api/credit-notes?municipality=" + adopter.ags(), "billing", null).get("items").forEach(items::add);
        return items;
    }

    /** A line as "kind correctsPeriod net days", comparable as a set. */
    private static String line(String kind, YearMonth correctsPeriod, BigDecimal net, Integer days) {
        return kind + " " + (correctsPeriod == null ? "-" : correctsPeriod) + " " + net + " " + (days == null ? "-" : days);
    }

    private static Set<String> lines(JsonNode invoice) {
        Set<String> lines = new TreeSet<>();
        for (JsonNode l : invoice.get("lines")) {
            String period = l.path("correctsPeriod").isTextual() ? l.get("correctsPeriod").asText() : "-";
            String days = l.path("billableDays").isNumber() ? l.get("billableDays").asText() : "-";
            lines.add(l.get("kind").asText() + " " + period + " " + money(l.get("netAmount")) + " " + days);
        }
        return lines;
    }

    private void totals(String what, JsonNode invoice, BigDecimal net, BigDecimal rate) {
        BigDecimal vat = vat(net, rate);
        check(what + ": net", net, money(invoice.get("netTotal")));
        check(what + ": VAT", vat, money(invoice.get("vatTotal")));
        check(what + ": gross", net.add(vat), money(invoice.get("grossTotal")));
    }

    /** Downloads the document as the adopter and validates it ({@link XRechnungValidation}). */
    private String validXRechnung(String what, String path, Adopter adopter, String number) throws Exception {
        HttpResponse<String> xml = stack.get("billing", path, market.token(adopter.user()));
        if (!check(what + ": XRechnung download", 200, xml.statusCode())) {
            return "";
        }
        require(what + ": XRechnung is XML", xml.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        XRechnungValidation.Verdict verdict = XRechnungValidation.of(xml.body(), number);
        require(what + ": XRechnung " + number + " " + verdict.report(), verdict.valid());
        return xml.body();
    }

    /** round(fee × days / D), half up, to the cent. */
    private static BigDecimal share(BigDecimal fee, int days, int daysInMonth) {
        return fee.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal vat(BigDecimal net, BigDecimal rate) {
        return rate.multiply(net).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(JsonNode amount) {
        return new BigDecimal(amount.asText()).setScale(2, RoundingMode.HALF_UP);
    }
}

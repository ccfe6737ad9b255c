package de.kommunalmarkt.billing.round;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.PledgeMade;
import de.kommunalmarkt.events.PledgeWithdrawn;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.RoundPledge;
import de.kommunalmarkt.events.RoundPurpose;
import de.kommunalmarkt.events.ScalingRoundClosed;
import de.kommunalmarkt.events.ScalingRoundOpened;
import de.kommunalmarkt.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * Scaling-round contributions end to end (README, "Scaling rounds: contributions"): catalog.rounds into billing, the
 * next run puts each contribution of a succeeded round exactly once on the pledger's invoice as a one-off line
 * "Skalierungsbeitrag …" with the round's VAT — an invoice of its own for a pledger without licences — every such
 * invoice a valid XRechnung, the provider's statement shows them as revenue; billing the period again, a redelivered
 * close and the next period's run add nothing; a failed round bills nothing. The run has several work units (test
 * batch size 2). Billed as 2022-03 and 2022-04, months no other test class bills; every licence ends by April.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScalingContributionsTest {

    static final String PROVIDER = "03101990";
    static final String OTHER_PROVIDER = "03153990";
    /** Has a licence of the round's solution, pledged to two rounds (one S, one E) and to a failed one. */
    static final String A = "03102990";
    /** Has a licence of another provider's solution. */
    static final String B = "03103990";
    /** Has no licence at all. */
    static final String C = "03151990";
    /** Only committed to license (contribution 0): nothing to bill. */
    static final String D = "03152990";
    static final String SOLUTION = "skalierung-buergerportal";
    static final String OTHER_SOLUTION = "skalierung-ratsinfo";
    static final String MARCH = "2022-03";
    static final String APRIL = "2022-04";
    static final Instant CLOSED = Instant.parse("2022-03-20T10:00:00Z");

    static final String SUCCEEDED = UUID.randomUUID().toString();
    static final String EXEMPT = UUID.randomUUID().toString();
    static final String FAILED = UUID.randomUUID().toString();
    static String closedEventId;
    static final Map<String, String> marchInvoices = new java.util.HashMap<>();

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void aSucceededRoundRecordsItsContributionsAndAFailedOneNothing() throws Exception {
        ContractEvents events = new ContractEvents(json);
        for (String ags : List.of(PROVIDER, A, B, C, D)) {
            events.municipality(ags, "Gemeinde " + ags, 20_000);
        }
        List<UUID> granted = List.of(
                events.activeLicense(A, PROVIDER, SOLUTION, Plans.flat("200.00"), LocalDate.parse("2022-03-01"),
                        LocalDate.parse("2022-04-30")),
                events.activeLicense(B, OTHER_PROVIDER, "anderes", Plans.flat("100.00"), LocalDate.parse("2022-03-01"),
                        LocalDate.parse("2022-03-31")));
        ContractEvents.awaitView(licenses, municipalities, granted, List.of(PROVIDER, A, B, C, D), () -> true);

        // the succeeded round, pledged to as the catalog tells it
        events.send(opened(SUCCEEDED, SOLUTION, "Bürgerportal", "30000.00", "0.19", "S", null));
        events.send(pledge(SUCCEEDED, SOLUTION, A, "8000.00", null));
        events.send(pledge(SUCCEEDED, SOLUTION, A, "10000.00", "plan-1")); // replaces the first
        events.send(pledge(SUCCEEDED, SOLUTION, B, "12500.50", null));
        events.send(pledge(SUCCEEDED, SOLUTION, C, "7500.00", null));
        events.send(pledge(SUCCEEDED, SOLUTION, D, "0.00", "plan-1"));
        ScalingRoundClosed closed = closed(SUCCEEDED, SOLUTION, "Bürgerportal", RoundOutcome.SUCCEEDED, "30000.00",
                "0.19", "S", null, List.of(
                        new RoundPledge(A, new BigDecimal("10000.00"), "plan-1", "operator-1", CLOSED.minusSeconds(3600)),
                        new RoundPledge(B, new BigDecimal("12500.50"), null, null, CLOSED.minusSeconds(3600)),
                        new RoundPledge(C, new BigDecimal("7500.00"), null, null, CLOSED.minusSeconds(3600)),
                        new RoundPledge(D, BigDecimal.ZERO, "plan-1", "operator-1", CLOSED.minusSeconds(3600))), CLOSED);
        closedEventId = events.send(closed);
        // an exempt round (§ 2b UStG), known to billing only by its close
        events.send(closed(EXEMPT, OTHER_SOLUTION, "Ratsinfo-Schnittstellen", RoundOutcome.SUCCEEDED, "1000.00", "0", "E",
                Plans.EXEMPT_2B, List.of(new RoundPledge(A, new BigDecimal("1000.00"), null, null, CLOSED)),
                CLOSED.plusSeconds(3600)));
        // a failed round: the pledges are released, nothing is billed
        events.send(opened(FAILED, SOLUTION, "Bürgerportal", "90000.00", "0.19", "S", null));
        events.send(pledge(FAILED, SOLUTION, A, "5000.00", null));
        events.send(closed(FAILED, SOLUTION, "Bürgerportal", RoundOutcome.FAILED, "90000.00", "0.19", "S", null, List.of(),
                CLOSED));

        await().atMost(Duration.ofSeconds(30)).until(() -> strings(
                "select state from scaling_round where round_id in (?, ?, ?) order by state", SUCCEEDED, EXEMPT, FAILED)
                .equals(List.of("FAILED", "SUCCEEDED", "SUCCEEDED")));
        assertThat(strings("select municipality_ags || ' ' || amount || ' ' || vat_category || ' ' || vat_rate "
                + "|| ' ' || coalesce(run_id::text, 'pending') from scaling_contribution where round_id in (?, ?, ?) "
                + "order by municipality_ags, amount", SUCCEEDED, EXEMPT, FAILED)).containsExactly(
                        A + " 1000.00 E 0.0000 pending", A + " 10000.00 S 0.1900 pending", B + " 12500.50 S 0.1900 pending",
                        C + " 7500.00 S 0.1900 pending");
    }

    @Test
    @Order(2)
    void theNextRunBillsEachContributionOnceAsValidXRechnung() throws Exception {
        JsonPath run = BillingApi.bill(MARCH);
        List<Map<String, Object>> invoices = BillingApi.invoices(MARCH).stream()
                .filter(i -> List.of(A, B, C, D).contains(i.get("municipalityAgs"))).toList();
        assertThat(invoices).extracting(i -> i.get("municipalityAgs")).containsExactlyInAnyOrder(A, B, C);
        invoices.forEach(i -> marchInvoices.put((String) i.get("municipalityAgs"), (String) i.get("id")));

        JsonPath a = BillingApi.invoice(marchInvoices.get(A));
        assertThat(a.getList("lines.kind", String.class)).containsExactly("USAGE", "CONTRIBUTION", "CONTRIBUTION");
        assertThat(a.getList("lines.netAmount", String.class)).containsExactly("200.00", "10000.00", "1000.00");
        assertThat(a.getString("lines[1].description")).isEqualTo("Skalierungsbeitrag Bürgerportal");
        assertThat(a.getString("lines[2].description")).isEqualTo("Skalierungsbeitrag Ratsinfo-Schnittstellen");
        assertThat(a.getList("lines.vatCategory", String.class)).containsExactly("S", "S", "E");
        assertThat(a.getString("lines[2].vatExemptionReason")).isEqualTo(Plans.EXEMPT_2B);
        assertThat(a.getString("lines[1].licenseId")).isNull();
        assertThat(a.getString("lines[1].solutionId")).isEqualTo(SOLUTION);
        assertThat(a.getString("lines[1].roundId")).isEqualTo(SUCCEEDED);
        assertThat(a.getString("lines[1].planId")).isNull();
        assertThat(a.getString("netTotal")).isEqualTo("11200.00");
        assertThat(a.getString("vatTotal")).isEqualTo("1938.00");
        assertThat(a.getString("grossTotal")).isEqualTo("13138.00");
        assertThat(a.getList("vatBreakdown.category", String.class)).containsExactly("S", "E");

        JsonPath b = BillingApi.invoice(marchInvoices.get(B));
        assertThat(b.getList("lines.description", String.class)).hasSize(2)
                .filteredOn(d -> d.startsWith("Skalierungsbeitrag")).containsExactly("Skalierungsbeitrag Bürgerportal");
        assertThat(b.getString("netTotal")).isEqualTo("12600.50");
        assertThat(b.getString("vatTotal")).isEqualTo("2394.10");
        assertThat(b.getString("grossTotal")).isEqualTo("14994.60");

        // a pledger without any licence: an invoice carrying the contribution alone
        JsonPath c = BillingApi.invoice(marchInvoices.get(C));
        assertThat(c.getList("lines.description", String.class)).containsExactly("Skalierungsbeitrag Bürgerportal");
        assertThat(c.getList("lines.kind", String.class)).containsExactly("CONTRIBUTION");
        assertThat(c.getString("netTotal")).isEqualTo("7500.00");
        assertThat(c.getString("vatTotal")).isEqualTo("1425.00");
        assertThat(c.getString("grossTotal")).isEqualTo("8925.00");

        for (String ags : List.of(A, B, C)) {
            JsonPath invoice = BillingApi.invoice(marchInvoices.get(ags));
            String xml = given().auth().oauth2(TestTokens.billingAdmin())
                    .when().get("/api/invoices/" + marchInvoices.get(ags) + "/xrechnung")
                    .then().statusCode(200).extract().asString();
            ZUGFeRDValidator validator = new ZUGFeRDValidator();
            String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), invoice.getString("number") + ".xml");
            assertThat(validator.wasCompletelyValid()).as("validation report of %s:%n%s", invoice.getString("number"), report)
                    .isTrue();
            assertThat(report).contains("xrechnung_3.0");
            assertThat(xml).contains("Skalierungsbeitrag Bürgerportal")
                    .contains("<ram:GrandTotalAmount>" + invoice.getString("grossTotal") + "</ram:GrandTotalAmount>");
        }

        // marked billed by the run, on the invoice carrying it
        String runId = run.getString("id");
        assertThat(strings("select municipality_ags || ' ' || (run_id = ?::uuid) || ' ' || invoice_id from scaling_contribution "
                + "where round_id in (?, ?) order by municipality_ags, amount", runId, SUCCEEDED, EXEMPT)).containsExactly(
                        A + " true " + marchInvoices.get(A), A + " true " + marchInvoices.get(A),
                        B + " true " + marchInvoices.get(B), C + " true " + marchInvoices.get(C));
        assertThat(strings("select count(*)::text from invoice_line where contribution_id in "
                + "(select id from scaling_contribution where round_id in (?, ?, ?))", SUCCEEDED, EXEMPT, FAILED))
                .containsExactly("4");
    }

    @Test
    @Order(3)
    void theProviderStatementShowsTheContributionsAsRevenue() {
        JsonPath statement = BillingApi.get(TestTokens.provider(PROVIDER), "/api/statements", Map.of("period", MARCH));
        assertThat(statement.getString("items[0].netRevenue")).isEqualTo("31200.50");
        assertThat(statement.getString("items[0].contributionRevenue")).isEqualTo("31000.50");
        assertThat(statement.getString("items[0].platformFeeRate")).isEqualTo("0.05");
        assertThat(statement.getString("items[0].platformFee")).isEqualTo("1560.03");
        assertThat(statement.getString("items[0].payout")).isEqualTo("29640.47");
        List<String> revenues = new ArrayList<>();
        List<Map<String, Object>> items = statement.getList("items[0].revenues");
        for (int i = 0; i < items.size(); i++) {
            revenues.add(statement.getString("items[0].revenues[" + i + "].solutionId") + " "
                    + statement.getString("items[0].revenues[" + i + "].adopterAgs") + " "
                    + statement.getString("items[0].revenues[" + i + "].net") + " "
                    + statement.getString("items[0].revenues[" + i + "].contributions"));
        }
        assertThat(revenues).containsExactly(
                SOLUTION + " " + A + " 10200.00 10000.00",
                SOLUTION + " " + B + " 12500.50 12500.50",
                SOLUTION + " " + C + " 7500.00 7500.00",
                OTHER_SOLUTION + " " + A + " 1000.00 1000.00");
        // the other provider earned B's licence only
        JsonPath other = BillingApi.get(TestTokens.provider(OTHER_PROVIDER), "/api/statements", Map.of("period", MARCH));
        assertThat(other.getString("items[0].netRevenue")).isEqualTo("100.00");
        assertThat(other.getString("items[0].contributionRevenue")).isEqualTo("0.00");
    }

    @Test
    @Order(4)
    void billingAgainARedeliveredCloseAndTheNextPeriodAddNothing() throws Exception {
        JsonPath again = BillingApi.startRun(MARCH);
        assertThat(again.getString("state")).isEqualTo("COMPLETED");

        // the close redelivered (the same event) and published again (a copy under another id)
        ContractEvents events = new ContractEvents(json);
        ScalingRoundClosed closed = closed(SUCCEEDED, SOLUTION, "Bürgerportal", RoundOutcome.SUCCEEDED, "30000.00",
                "0.19", "S", null, List.of(
                        new RoundPledge(A, new BigDecimal("10000.00"), "plan-1", "operator-1", CLOSED.minusSeconds(3600)),
                        new RoundPledge(B, new BigDecimal("12500.50"), null, null, CLOSED.minusSeconds(3600)),
                        new RoundPledge(C, new BigDecimal("7500.00"), null, null, CLOSED.minusSeconds(3600))), CLOSED);
        events.send(closed, closedEventId);
        events.send(closed);
        // a later event of the same round (same partition): once it is applied, so are the two before it
        String marker = events.send(new PledgeWithdrawn(SUCCEEDED, SOLUTION, D, CLOSED.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> strings(
                "select count(*)::text from processed_event where consumer = 'billing-rounds' and event_id = ?::uuid", marker)
                .equals(List.of("1")));
        assertThat(strings("select count(*)::text from scaling_contribution where round_id = ? and invoice_id is not null",
                SUCCEEDED)).containsExactly("3");
        assertThat(strings("select count(*)::text from scaling_contribution where round_id in (?, ?, ?) and run_id is null",
                SUCCEEDED, EXEMPT, FAILED)).containsExactly("0");

        BillingApi.bill(APRIL);
        List<Map<String, Object>> april = BillingApi.invoices(APRIL).stream()
                .filter(i -> List.of(A, B, C, D).contains(i.get("municipalityAgs"))).toList();
        assertThat(april).extracting(i -> i.get("municipalityAgs")).containsExactly(A);
        JsonPath a = BillingApi.invoice((String) april.get(0).get("id"));
        assertThat(a.getList("lines.kind", String.class)).containsExactly("USAGE");
        assertThat(a.getString("netTotal")).isEqualTo("200.00");
        assertThat(strings("select count(*)::text from invoice_line where contribution_id in "
                + "(select id from scaling_contribution where round_id in (?, ?, ?))", SUCCEEDED, EXEMPT, FAILED))
                .containsExactly("4");
    }

    @Test
    @Order(5)
    void aBillingAdminCanCreditAContributionByHand() {
        String invoiceId = marchInvoices.get(C);
        JsonPath note = BillingApi.json(given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("500.00"))),
                        "reason", "Beitrag zu hoch berechnet"))
                .when().post("/api/invoices/" + invoiceId + "/credit-notes")
                .then().statusCode(201));
        assertThat(note.getString("lines[0].kind")).isEqualTo("CONTRIBUTION");
        assertThat(note.getString("lines[0].description")).isEqualTo("Gutschrift Skalierungsbeitrag Bürgerportal");
        assertThat(note.getString("lines[0].netAmount")).isEqualTo("500.00");
        assertThat(note.getString("grossTotal")).isEqualTo("595.00");
        String xml = given().auth().oauth2(TestTokens.billingAdmin())
                .when().get("/api/credit-notes/" + note.getString("id") + "/xrechnung")
                .then().statusCode(200).extract().asString();
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), note.getString("number") + ".xml");
        assertThat(validator.wasCompletelyValid()).as("validation report:%n%s", report).isTrue();
    }

    private static ScalingRoundOpened opened(String round, String solution, String name, String target, String rate,
            String category, String reason) {
        return new ScalingRoundOpened(round, solution, name, PROVIDER,
                List.of(new RoundPurpose("Mandantenfähigkeit", new BigDecimal(target))), new BigDecimal(target), "EUR",
                LocalDate.parse("2022-03-19"), 2, new BigDecimal(rate), category, reason, Instant.parse("2022-02-01T09:00:00Z"));
    }

    private static PledgeMade pledge(String round, String solution, String ags, String contribution, String plan) {
        return new PledgeMade(round, solution, ags, new BigDecimal(contribution), plan, plan == null ? null : "operator-1",
                Instant.parse("2022-03-01T09:00:00Z"));
    }

    private static ScalingRoundClosed closed(String round, String solution, String name, RoundOutcome outcome,
            String target, String rate, String category, String reason, List<RoundPledge> pledges, Instant closedAt) {
        BigDecimal pledged = pledges.stream().map(RoundPledge::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ScalingRoundClosed(round, solution, name, PROVIDER, outcome, false, new BigDecimal(target), pledged,
                pledges.size(), 2, "EUR", new BigDecimal(rate), category, reason, pledges, closedAt);
    }

    private List<String> strings(String sql, Object... parameters) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}

package de.kommunalmarkt.billing.preview;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.billing.pricing.BillableLicense;
import de.kommunalmarkt.billing.pricing.BreakEven;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.InvoiceCalculator;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.time.TimeConfig;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.events.SolutionUpdated;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/price-preview} on 15 May 2019 (the clock moved there): the plans of "Vorschau Ratsinfo" — one of every
 * model, a per-inhabitant plan held at its minimum and one at its maximum, a VAT-exempt flat plan, a cost-sharing pool
 * nobody shares yet and one three municipalities share today (a suspended and an ended licence do not count), a plan
 * retired since — for "Kommune Vorschau" of 77,592 inhabitants, each figure checked by hand and against billing's own
 * rule classes; "Vorschau Umlage" whose pool the municipality shares already (counted once); a municipality billing does
 * not know; the refusals. Every licence ends with May 2019, a month no test class bills.
 */
@QuarkusTest
class PricePreviewTest {

    static final String PROVIDER = "13071990";
    static final String ME = "13071001";
    static final long MY_INHABITANTS = 77_592;
    static final String P1 = "13071002";
    static final String P2 = "13071003";
    static final String P3 = "13071004";
    static final String SUSPENDED = "13071005";
    static final String ENDED = "13071006";
    static final String UNKNOWN = "13071999";
    static final String SOLUTION = "preview-ratsinfo";
    static final String JOINED = "preview-umlage";
    static final LocalDate TODAY = LocalDate.parse("2019-05-15");
    static final LocalDate END = LocalDate.parse("2019-05-31");
    static final BillingPeriod MAY = BillingPeriod.of(2019, 5);

    static final PlanTerms FREE = named(Plans.free("0.00"), "Kostenlos");
    static final PlanTerms FLAT = named(Plans.flat("400.00"), "Pauschal");
    static final PlanTerms FLAT_EXEMPT = named(Plans.withVat(Plans.flat("250.00"), "0", "E", Plans.EXEMPT_2B),
            "Pauschal steuerfrei");
    static final PlanTerms PER_INHABITANT = named(Plans.perInhabitant("0.50", null, null), "Je Einwohner");
    static final PlanTerms PER_INHABITANT_MIN = named(Plans.perInhabitant("0.05", "20.00", null), "Je Einwohner mit Minimum");
    static final PlanTerms PER_INHABITANT_MAX = named(Plans.perInhabitant("10.00", null, "500.00"), "Je Einwohner mit Maximum");
    static final PlanTerms TIERED = named(Plans.tiered(List.of(new Tier(20_000L, new BigDecimal("100.00")),
            new Tier(100_000L, new BigDecimal("250.00")), new Tier(null, new BigDecimal("500.00")))), "Staffel");
    static final PlanTerms POOL_EMPTY = named(Plans.costSharing("10000.00", CostSharingKey.INHABITANTS, null), "Neue Umlage");
    static final PlanTerms POOL = named(Plans.costSharing("1500.00", CostSharingKey.INHABITANTS, null), "Umlage");
    static final PlanTerms RETIRED = named(Plans.flat("99.00"), "Alt");
    static final PlanTerms POOL_MIXED = named(Plans.costSharing("900.00", CostSharingKey.MIXED, "0.5"), "Gemischte Umlage");
    static final PlanTerms POOL_EQUAL = named(Plans.costSharing("1000.00", CostSharingKey.EQUAL, null), "Gleiche Teile");

    static final List<PlanTerms> OFFERED = List.of(FREE, FLAT, FLAT_EXEMPT, PER_INHABITANT, PER_INHABITANT_MIN,
            PER_INHABITANT_MAX, TIERED, POOL_EMPTY, POOL);

    private static boolean seeded;

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TimeConfig time;

    @BeforeEach
    void onTheFifteenthOfMay2019() throws Exception {
        QuarkusMock.installMockForType(Clock.fixed(TODAY.atTime(12, 0).atZone(time.zone()).toInstant(), time.zone()),
                Clock.class);
        if (!seeded) {
            seed();
            seeded = true;
        }
    }

    @Test
    void everyOfferedPlanForMyMunicipalityToTheCent() {
        JsonPath preview = preview(TestTokens.adopter(ME), SOLUTION);
        assertThat(preview.getString("solutionId")).isEqualTo(SOLUTION);
        assertThat(preview.getString("municipality")).isEqualTo(ME);
        assertThat(preview.getString("municipalityName")).isEqualTo("Kommune Vorschau");
        assertThat(preview.getString("inhabitants")).isEqualTo("77592");
        assertThat(preview.getString("period")).isEqualTo("2019-05");
        assertThat(preview.getString("note")).contains("vollen Monat (Mai 2019)").contains("taggenau anteilig")
                .contains("Kostenumlage");
        // the offered plans in the catalog's order; the retired one is gone
        assertThat(preview.getList("plans.planId", String.class))
                .containsExactlyElementsOf(OFFERED.stream().map(PlanTerms::planId).toList())
                .doesNotContain(RETIRED.planId());
        assertThat(preview.getList("plans.name", String.class)).startsWith("Kostenlos", "Pauschal", "Pauschal steuerfrei");

        // by hand: model, net, VAT rate, VAT = round(rate × net), gross, participants, basis
        assertThat(row(preview, FREE)).isEqualTo("FREE 0.00 0.19 0.00 0.00 null | Kostenlos");
        assertThat(row(preview, FLAT)).isEqualTo("FLAT 400.00 0.19 76.00 476.00 null | Pauschal");
        assertThat(row(preview, FLAT_EXEMPT)).isEqualTo("FLAT 250.00 0 0.00 250.00 null | Pauschal");
        // 0.50 × 77,592 / 1,000 = 38.796 → 38.80; 0.19 × 38.80 = 7.372 → 7.37
        assertThat(row(preview, PER_INHABITANT)).isEqualTo(
                "PER_INHABITANT 38.80 0.19 7.37 46.17 null | 0,50 € je 1.000 Einwohner × 77.592 Einwohner");
        // 0.05 × 77.592 = 3.88 is below the minimum of 20.00
        assertThat(row(preview, PER_INHABITANT_MIN)).isEqualTo(
                "PER_INHABITANT 20.00 0.19 3.80 23.80 null | 0,05 € je 1.000 Einwohner × 77.592 Einwohner, mindestens 20,00 €");
        // 10.00 × 77.592 = 775.92 is above the maximum of 500.00
        assertThat(row(preview, PER_INHABITANT_MAX)).isEqualTo(
                "PER_INHABITANT 500.00 0.19 95.00 595.00 null | 10,00 € je 1.000 Einwohner × 77.592 Einwohner, höchstens 500,00 €");
        // 20,000 ≤ 77,592 < 100,000: the second tier
        assertThat(row(preview, TIERED)).isEqualTo("TIERED 250.00 0.19 47.50 297.50 null | Staffel bis unter 100.000 Einwohner");

        for (PlanTerms plan : List.of(FREE, FLAT, FLAT_EXEMPT, PER_INHABITANT, PER_INHABITANT_MIN, PER_INHABITANT_MAX, TIERED)) {
            ContractTerms terms = ContractTerms.frozen(plan);
            assertThat(amount(preview, plan, "monthlyNet")).as(plan.name())
                    .isEqualTo(BreakEven.fullMonth(terms, MY_INHABITANTS, MAY).toPlainString());
            assertThat(invoiced(preview, plan)).as(plan.name())
                    .isEqualTo(invoice(BillableLicense.priced("rules", terms, MY_INHABITANTS, LicenseTimeline.activeFrom(
                            LocalDate.parse("2019-01-01")))));
        }
    }

    @Test
    void costSharingWithNobodyYetIsTheWholePool() {
        JsonPath preview = preview(TestTokens.adopter(ME), SOLUTION);
        assertThat(row(preview, POOL_EMPTY)).isEqualTo(
                "COST_SHARING 10000.00 0.19 1900.00 11900.00 1 | Anteil an 10.000,00 € Umlage bei 1 Teilnehmenden (nach Einwohnern)");
        assertThat(amount(preview, POOL_EMPTY, "monthlyNet")).isEqualTo(myShare(POOL_EMPTY, List.of()).toPlainString());
        assertThat(invoiced(preview, POOL_EMPTY)).isEqualTo(invoice(costSharingLicense(POOL_EMPTY, List.of())));
    }

    @Test
    void costSharingWithThreeParticipantsIsMyLargestRemainderShareWithMeAdded() {
        JsonPath preview = preview(TestTokens.adopter(ME), SOLUTION);
        // Σ inhabitants = 77,592 + 30,000 + 10,009 + 50,000 = 167,601 (the suspended and the ended licence do not count).
        // Exact: me 1,500 × 77,592 / 167,601 = 694.434997…, P1 268.494…, P2 89.578…, P3 447.491…; cut to the cent
        // 694.43 + 268.49 + 89.57 + 447.49 = 1,499.98: the 2 missing cents go to the largest remainders, P2 (0.88) and
        // me (0.49997, ahead of P1's 0.48) — 694.44, where rounding alone would give 694.43.
        assertThat(row(preview, POOL)).isEqualTo(
                "COST_SHARING 694.44 0.19 131.94 826.38 4 | Anteil an 1.500,00 € Umlage bei 4 Teilnehmenden (nach Einwohnern)");
        List<String[]> others = List.of(new String[] {P1, "30000"}, new String[] {P2, "10009"}, new String[] {P3, "50000"});
        assertThat(amount(preview, POOL, "monthlyNet")).isEqualTo(myShare(POOL, others).toPlainString());
        assertThat(invoiced(preview, POOL)).isEqualTo(invoice(costSharingLicense(POOL, others)));
        assertThat(new BigDecimal("1500").multiply(BigDecimal.valueOf(MY_INHABITANTS))
                .divide(new BigDecimal("167601"), 2, RoundingMode.HALF_UP)).as("rounding alone").isEqualByComparingTo("694.43");
    }

    @Test
    void aMunicipalitySharingThePoolAlreadyIsCountedOnce() {
        JsonPath preview = preview(TestTokens.provider(ME), JOINED);
        assertThat(preview.getList("plans.planId", String.class)).containsExactly(POOL_MIXED.planId(), POOL_EQUAL.planId());
        // me, P1 and P2 share it today (me not twice): 900 × (0.5 × 77,592 / 117,601 + 0.5 / 3) = 446.9056… → floors
        // 446.90 + 264.79 + 188.29 = 899.98, the 2 missing cents to P2 (0.94) and me (0.56): 446.91
        assertThat(row(preview, POOL_MIXED)).isEqualTo("COST_SHARING 446.91 0.19 84.91 531.82 3 | Anteil an 900,00 € "
                + "Umlage bei 3 Teilnehmenden (zu 50 % nach Einwohnern, zu 50 % zu gleichen Teilen)");
        List<String[]> others = List.of(new String[] {P1, "30000"}, new String[] {P2, "10009"});
        assertThat(amount(preview, POOL_MIXED, "monthlyNet")).isEqualTo(myShare(POOL_MIXED, others).toPlainString());
        assertThat(invoiced(preview, POOL_MIXED)).isEqualTo(invoice(costSharingLicense(POOL_MIXED, others)));
        // P3 shares the equal pool: me and P3, 500.00 each
        assertThat(row(preview, POOL_EQUAL)).isEqualTo(
                "COST_SHARING 500.00 0.19 95.00 595.00 2 | Anteil an 1.000,00 € Umlage bei 2 Teilnehmenden (zu gleichen Teilen)");

        // P3, not in the mixed pool, would be its fourth; alone in the equal pool, it pays the whole of it
        JsonPath p3 = preview(TestTokens.adopter(P3), JOINED);
        assertThat(p3.getString("plans[0].participants")).isEqualTo("4");
        assertThat(p3.getString("plans[1].participants")).isEqualTo("1");
        assertThat(p3.getString("plans[1].monthlyNet")).isEqualTo("1000.00");
    }

    @Test
    void unknownInhabitantsLeaveTheirPricesOpenButNotFlatAndFree() {
        JsonPath preview = preview(TestTokens.adopter(UNKNOWN), SOLUTION);
        assertThat(preview.getString("municipality")).isEqualTo(UNKNOWN);
        assertThat(preview.getString("municipalityName")).isNull();
        assertThat(preview.getString("inhabitants")).isNull();
        assertThat(preview.getMap("$")).containsEntry("inhabitants", null).containsEntry("municipalityName", null);
        assertThat(preview.getMap("plans[" + index(preview, PER_INHABITANT) + "]")).containsEntry("monthlyNet", null)
                .containsEntry("vatAmount", null).containsEntry("monthlyGross", null).containsEntry("participants", null);
        assertThat(preview.getList("plans")).hasSize(OFFERED.size());
        assertThat(row(preview, FREE)).isEqualTo("FREE 0.00 0.19 0.00 0.00 null | Kostenlos");
        assertThat(row(preview, FLAT)).isEqualTo("FLAT 400.00 0.19 76.00 476.00 null | Pauschal");
        assertThat(row(preview, FLAT_EXEMPT)).isEqualTo("FLAT 250.00 0 0.00 250.00 null | Pauschal");
        assertThat(row(preview, PER_INHABITANT)).isEqualTo("PER_INHABITANT null 0.19 null null null | "
                + "0,50 € je 1.000 Einwohner; die Einwohnerzahl der Kommune ist noch nicht bekannt");
        assertThat(row(preview, TIERED)).isEqualTo("TIERED null 0.19 null null null | "
                + "Staffelpreis nach Einwohnerzahl; die Einwohnerzahl der Kommune ist noch nicht bekannt");
        assertThat(row(preview, POOL)).isEqualTo("COST_SHARING null 0.19 null null 4 | Anteil an 1.500,00 € Umlage "
                + "bei 4 Teilnehmenden (nach Einwohnern); die Einwohnerzahl der Kommune ist noch nicht bekannt");
        // an equal split does not depend on the inhabitants
        JsonPath joined = preview(TestTokens.adopter(UNKNOWN), JOINED);
        assertThat(row(joined, POOL_MIXED)).startsWith("COST_SHARING null 0.19 null null 4 | ");
        assertThat(row(joined, POOL_EQUAL)).isEqualTo(
                "COST_SHARING 500.00 0.19 95.00 595.00 2 | Anteil an 1.000,00 € Umlage bei 2 Teilnehmenden (zu gleichen Teilen)");
    }

    @Test
    void refusals() {
        // no municipality in the token: 403 saying so, whatever the roles
        for (String token : List.of(TestTokens.operator("operator-1"), TestTokens.billingAdmin(), TestTokens.marketplaceAdmin())) {
            JsonPath problem = problem(token, Map.of("solutionId", SOLUTION), 403);
            assertThat(problem.getString("detail")).contains("municipality");
            assertThat(problem.getInt("status")).isEqualTo(403);
        }
        given().queryParam("solutionId", SOLUTION).when().get("/api/price-preview").then().statusCode(401);
        JsonPath missing = problem(TestTokens.adopter(ME), Map.of(), 400);
        assertThat(missing.getList("violations.field", String.class)).containsExactly("solutionId");
        assertThat(missing.getInt("status")).isEqualTo(400);
        assertThat(problem(TestTokens.adopter(ME), Map.of("solutionId", " "), 400).getList("violations.field", String.class))
                .containsExactly("solutionId");
        JsonPath unknown = problem(TestTokens.adopter(ME), Map.of("solutionId", "no-such-solution"), 404);
        assertThat(unknown.getString("detail")).contains("no-such-solution");
        assertThat(unknown.getInt("status")).isEqualTo(404);
    }

    // --- the facts, as catalog and licensing publish them --------------------------------------------------

    private void seed() throws Exception {
        ContractEvents events = new ContractEvents(json);
        events.municipality(ME, "Kommune Vorschau", MY_INHABITANTS);
        List<String> all = List.of(ME, P1, P2, P3, SUSPENDED, ENDED);
        long[] inhabitants = {MY_INHABITANTS, 30_000, 10_009, 50_000, 20_000, 25_000};
        for (int i = 1; i < all.size(); i++) {
            events.municipality(all.get(i), "Kommune " + all.get(i), inhabitants[i]);
        }
        List<PlanTerms> published = new ArrayList<>(OFFERED);
        published.add(5, RETIRED);
        events.send(solution(SOLUTION, "Vorschau Ratsinfo", published));
        events.send(new SolutionUpdated(SOLUTION, PROVIDER, "Vorschau Ratsinfo", "Sitzungsdienst", "Verwaltung",
                SolutionState.PUBLISHED, ApprovalPolicy.MANUAL, List.of(OperatorType.SELF_OPERATED), List.of(HostingMode.SAAS),
                OFFERED, Instant.parse("2019-02-01T08:00:00Z")));
        events.send(solution(JOINED, "Vorschau Umlage", List.of(POOL_MIXED, POOL_EQUAL)));

        List<UUID> ended = new ArrayList<>();
        ended.add(events.activeLicense(P1, PROVIDER, SOLUTION, POOL, LocalDate.parse("2019-01-01"), END));
        ended.add(events.activeLicense(P2, PROVIDER, SOLUTION, POOL, LocalDate.parse("2019-02-01"), END));
        ended.add(events.activeLicense(P3, PROVIDER, SOLUTION, POOL, LocalDate.parse("2019-03-01"), END));
        UUID suspended = events.activeLicense(SUSPENDED, PROVIDER, SOLUTION, POOL, LocalDate.parse("2019-01-01"), END);
        ended.add(suspended);
        events.send(new LicenseSuspended(suspended.toString(), SUSPENDED, LocalDate.parse("2019-05-01")));
        ended.add(events.activeLicense(ENDED, PROVIDER, SOLUTION, POOL, LocalDate.parse("2019-01-01"),
                LocalDate.parse("2019-04-30")));
        ended.add(events.activeLicense(ME, PROVIDER, JOINED, POOL_MIXED, LocalDate.parse("2019-01-01"), END));
        ended.add(events.activeLicense(P1, PROVIDER, JOINED, POOL_MIXED, LocalDate.parse("2019-02-01"), END));
        ended.add(events.activeLicense(P2, PROVIDER, JOINED, POOL_MIXED, LocalDate.parse("2019-03-01"), END));
        ended.add(events.activeLicense(P3, PROVIDER, JOINED, POOL_EQUAL, LocalDate.parse("2019-03-01"), END));

        ContractEvents.awaitView(licenses, municipalities, ended, all, () -> true);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from license_suspension s "
                + "join license l using (license_id) where l.adopter_ags = ?", SUSPENDED) == 1
                && count("select count(*) from catalog_plan where solution_id = ?", SOLUTION) == OFFERED.size()
                && count("select count(*) from catalog_plan where plan_id = ?", RETIRED.planId()) == 0
                && count("select count(*) from catalog_plan where solution_id = ?", JOINED) == 2);
    }

    private static SolutionPublished solution(String id, String name, List<PlanTerms> plans) {
        return new SolutionPublished(id, PROVIDER, name, "Sitzungsdienst", "Verwaltung", SolutionState.PUBLISHED,
                ApprovalPolicy.MANUAL, List.of(OperatorType.SELF_OPERATED), List.of(HostingMode.SAAS), plans,
                Instant.parse("2019-01-01T08:00:00Z"));
    }

    private static PlanTerms named(PlanTerms p, String name) {
        return new PlanTerms(p.planId(), name, p.model(), p.monthlyFee(), p.ratePer1000(), p.minMonthly(), p.maxMonthly(),
                p.tiers(), p.monthlyPool(), p.costSharingKey(), p.inhabitantWeight(), p.setupFee(), p.minimumTermMonths(),
                p.noticePeriodDays(), p.vatRate(), p.vatCategory(), p.vatExemptionReason(), p.currency());
    }

    // --- billing's rule classes, used here directly ----------------------------------------------------------

    /** My share with CostSharingAllocation: me (my real AGS) and the others {AGS, inhabitants}, each a full May. */
    private static BigDecimal myShare(PlanTerms plan, List<String[]> others) {
        BillableDays full = new BillableDays(31, 31);
        List<CostSharingAllocation.Candidate> candidates = new ArrayList<>();
        candidates.add(new CostSharingAllocation.Candidate("me", ME, MY_INHABITANTS, full));
        for (String[] other : others) {
            candidates.add(new CostSharingAllocation.Candidate("licence-" + other[0], other[0], Long.parseLong(other[1]), full));
        }
        return CostSharingAllocation.allocate((PriceTerms.CostSharing) ContractTerms.frozen(plan).price(), MAY, candidates)
                .shareOf("me");
    }

    private static BillableLicense costSharingLicense(PlanTerms plan, List<String[]> others) {
        return BillableLicense.costSharing("rules", ContractTerms.frozen(plan), MY_INHABITANTS,
                LicenseTimeline.activeFrom(LocalDate.parse("2019-01-01")), myShare(plan, others));
    }

    /** "net vat gross" of May's invoice of the licence alone (zeros when a free plan leaves no line). */
    private static String invoice(BillableLicense license) {
        return new InvoiceCalculator().calculate(MAY, List.of(license))
                .map(draft -> draft.net().toPlainString() + " " + draft.vat().toPlainString() + " "
                        + draft.gross().toPlainString())
                .orElse("0.00 0.00 0.00");
    }

    // --- the endpoint --------------------------------------------------------------------------------------

    private static JsonPath preview(String token, String solutionId) {
        return BillingApi.get(token, "/api/price-preview", Map.of("solutionId", solutionId));
    }

    private static JsonPath problem(String token, Map<String, ?> query, int status) {
        return BillingApi.json(given().auth().oauth2(token).queryParams(query)
                .when().get("/api/price-preview").then().statusCode(status).contentType("application/problem+json"));
    }

    private static int index(JsonPath preview, PlanTerms plan) {
        int index = preview.getList("plans.planId", String.class).indexOf(plan.planId());
        assertThat(index).as("plan %s in the preview", plan.name()).isNotNegative();
        return index;
    }

    private static String amount(JsonPath preview, PlanTerms plan, String field) {
        return preview.getString("plans[" + index(preview, plan) + "]." + field);
    }

    private static String invoiced(JsonPath preview, PlanTerms plan) {
        return amount(preview, plan, "monthlyNet") + " " + amount(preview, plan, "vatAmount") + " "
                + amount(preview, plan, "monthlyGross");
    }

    private static String row(JsonPath preview, PlanTerms plan) {
        String at = "plans[" + index(preview, plan) + "].";
        return preview.getString(at + "model") + " " + preview.getString(at + "monthlyNet") + " "
                + preview.getString(at + "vatRate") + " " + preview.getString(at + "vatAmount") + " "
                + preview.getString(at + "monthlyGross") + " " + preview.getString(at + "participants") + " | "
                + preview.getString(at + "basis");
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

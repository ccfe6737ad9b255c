package de.kommunalmarkt.billing.breakeven;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.time.TimeConfig;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.LicenseRejected;
import de.kommunalmarkt.events.LicenseRequested;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PledgeMade;
import de.kommunalmarkt.events.PledgeWithdrawn;
import de.kommunalmarkt.events.RoundPurpose;
import de.kommunalmarkt.events.ScalingRoundOpened;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
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
 * The worked case of the README ("Break-even — worked case"), asserted to the cent: Ratsinfo of the provider 04011990
 * on 15 June 2021 (the clock moved there) — three active adopters (two sharing a pool, one flat), a pipeline of two
 * (a requested licence, a commitment of the open round), and what does not count (a suspended licence, an ended one, a
 * rejected request, a withdrawn pledge). Then the cost-sharing price curve against {@link CostSharingAllocation}, the
 * defaults and overrides, and the refusals. Every licence ends with June 2021, a month no test class bills.
 */
@QuarkusTest
class BreakEvenTest {

    static final String PROVIDER = "04011990";
    static final String OTHER_PROVIDER = "04011991";
    static final String A1 = "04012991";
    static final String A2 = "04012992";
    static final String A3 = "04012993";
    static final String SUSPENDED = "04012994";
    static final String ENDED = "04012995";
    static final String REQUESTER = "04012996";
    static final String COMMITTER = "04012997";
    static final String WITHDRAWN = "04012998";
    static final String REJECTED = "04012999";
    static final String SOLUTION = "breakeven-ratsinfo";
    static final String FLAT_ONLY = "breakeven-flat-only";
    static final LocalDate TODAY = LocalDate.parse("2021-06-15");
    static final LocalDate END = LocalDate.parse("2021-06-30");

    static final PlanTerms POOL = named(Plans.costSharing("1500.00", CostSharingKey.MIXED, "0.5"), "Kostenumlage");
    static final PlanTerms FLAT = named(Plans.flat("400.00"), "Pauschal");
    static final PlanTerms PER_INHABITANT = named(Plans.perInhabitant("10.00", null, null), "Je Einwohner");
    static final PlanTerms OTHER_FLAT = named(Plans.flat("99.00"), "Pauschal");

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
    void onTheFifteenthOfJune2021() throws Exception {
        QuarkusMock.installMockForType(Clock.fixed(TODAY.atTime(12, 0).atZone(time.zone()).toInstant(), time.zone()),
                Clock.class);
        if (!seeded) {
            seed();
            seeded = true;
        }
    }

    @Test
    void theWorkedCaseToTheCent() {
        JsonPath breakEven = breakEven(PROVIDER, Map.of("solutionId", SOLUTION));
        assertThat(breakEven.getString("solutionId")).isEqualTo(SOLUTION);
        assertThat(breakEven.getString("investment")).isEqualTo("24000.00");
        assertThat(breakEven.getString("monthlyCost")).isEqualTo("1500.00");
        assertThat(breakEven.getString("revenueNow")).isEqualTo("1900.00");
        assertThat(breakEven.getString("revenueWithPipeline")).isEqualTo("2750.00");
        assertThat(breakEven.getString("monthsToBreakEvenNow")).isEqualTo("60");
        assertThat(breakEven.getString("monthsToBreakEvenWithPipeline")).isEqualTo("20");
        assertThat(breakEven.getList("curve")).hasSize(36);
        assertThat(breakEven.getList("curve.month", Integer.class)).startsWith(1, 2, 3).endsWith(36);
        assertThat(month(breakEven, 1)).isEqualTo("-23600.00 / -22750.00");
        assertThat(month(breakEven, 12)).isEqualTo("-19200.00 / -9000.00");
        assertThat(month(breakEven, 19)).isEqualTo("-16400.00 / -250.00");
        assertThat(month(breakEven, 20)).isEqualTo("-16000.00 / 1000.00");
        assertThat(month(breakEven, 36)).isEqualTo("-9600.00 / 21000.00");

        assertThat(breakEven.getList("costSharing")).hasSize(1);
        assertThat(breakEven.getString("costSharing[0].planId")).isEqualTo(POOL.planId());
        assertThat(breakEven.getString("costSharing[0].planName")).isEqualTo("Kostenumlage");
        assertThat(breakEven.getString("costSharing[0].inhabitants")).isEqualTo("10000");
        assertThat(breakEven.getList("costSharing[0].prices.adopters", Integer.class))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // by hand (README): alone the whole pool; with Kommune A1 (30,000); with A2 (10,000); with a hypothetical adopter
        assertThat(breakEven.getList("costSharing[0].prices.monthlyPrice", String.class))
                .startsWith("1500.00", "562.50", "400.00", "312.50", "257.14");
    }

    @Test
    void theCostSharingPricesAreBillingsLargestRemainderSharesForOneToTenAdopters() {
        for (long inhabitants : new long[] {10_000, 4_321, 250_000}) {
            JsonPath breakEven = breakEven(PROVIDER, Map.of("solutionId", SOLUTION, "inhabitants", inhabitants));
            assertThat(breakEven.getString("costSharing[0].inhabitants")).isEqualTo(String.valueOf(inhabitants));
            List<String> prices = breakEven.getList("costSharing[0].prices.monthlyPrice", String.class);
            assertThat(prices).hasSize(10);
            BigDecimal before = null;
            for (int n = 1; n <= 10; n++) {
                BigDecimal expected = shareWith(n, inhabitants);
                assertThat(prices.get(n - 1)).as("price with %d adopters of %d inhabitants", n, inhabitants)
                        .isEqualTo(expected.toPlainString());
                if (before != null && inhabitants == 10_000) {
                    assertThat(expected).as("every new adopter makes it cheaper").isLessThanOrEqualTo(before);
                }
                before = expected;
            }
        }
    }

    @Test
    void enteredFiguresReplaceTheDefaultsAndNoBreakEvenIsNull() {
        JsonPath entered = breakEven(PROVIDER, Map.of("solutionId", SOLUTION, "investment", "30000", "monthlyCost", "1000.00"));
        assertThat(entered.getString("investment")).isEqualTo("30000.00");
        assertThat(entered.getString("monthlyCost")).isEqualTo("1000.00");
        assertThat(entered.getString("monthsToBreakEvenNow")).isEqualTo("34");
        assertThat(entered.getString("monthsToBreakEvenWithPipeline")).isEqualTo("18");

        JsonPath losing = breakEven(PROVIDER, Map.of("solutionId", SOLUTION, "monthlyCost", "2000.00"));
        assertThat(losing.getString("monthsToBreakEvenNow")).isNull();
        assertThat(losing.getString("monthsToBreakEvenWithPipeline")).isEqualTo("32");
        assertThat(month(losing, 36)).isEqualTo("-27600.00 / 3000.00");

        JsonPath free = breakEven(PROVIDER, Map.of("solutionId", SOLUTION, "investment", "0", "monthlyCost", "5000"));
        assertThat(free.getString("monthsToBreakEvenNow")).isEqualTo("0");
        assertThat(free.getString("monthsToBreakEvenWithPipeline")).isEqualTo("0");
    }

    @Test
    void refusals() {
        String provider = TestTokens.provider(PROVIDER);
        problem(TestTokens.provider(OTHER_PROVIDER), Map.of("solutionId", SOLUTION), 403, null);
        problem(TestTokens.adopter(PROVIDER), Map.of("solutionId", SOLUTION), 403, null);
        given().queryParam("solutionId", SOLUTION).when().get("/api/break-even").then().statusCode(401);
        problem(provider, Map.of("solutionId", "no-such-solution"), 404, null);
        problem(provider, Map.of(), 400, "solutionId");
        problem(provider, Map.of("solutionId", SOLUTION, "investment", "viel"), 400, "investment");
        problem(provider, Map.of("solutionId", SOLUTION, "investment", "-1.00"), 422, "investment");
        problem(provider, Map.of("solutionId", SOLUTION, "monthlyCost", "12.345"), 422, "monthlyCost");
        problem(provider, Map.of("solutionId", SOLUTION, "monthlyCost", "1e99"), 422, "monthlyCost");
        problem(provider, Map.of("solutionId", SOLUTION, "inhabitants", "zehn"), 400, "inhabitants");
        problem(provider, Map.of("solutionId", SOLUTION, "inhabitants", "0"), 422, "inhabitants");
        // a solution without round or cost-sharing plan has no defaults
        problem(provider, Map.of("solutionId", FLAT_ONLY), 422, "investment");
        problem(provider, Map.of("solutionId", FLAT_ONLY, "investment", "5000"), 422, "monthlyCost");
        JsonPath flat = breakEven(PROVIDER, Map.of("solutionId", FLAT_ONLY, "investment", "5000", "monthlyCost", "0"));
        assertThat(flat.getString("revenueNow")).isEqualTo("0.00");
        assertThat(flat.getList("costSharing")).isEmpty();
    }

    // --- the worked case's facts, as catalog and licensing publish them ---------------------------------------

    private void seed() throws Exception {
        ContractEvents events = new ContractEvents(json);
        long[] inhabitants = {30_000, 10_000, 50_000, 20_000, 20_000, 45_000, 25_000, 15_000, 12_000};
        List<String> all = List.of(A1, A2, A3, SUSPENDED, ENDED, REQUESTER, COMMITTER, WITHDRAWN, REJECTED);
        for (int i = 0; i < all.size(); i++) {
            events.municipality(all.get(i), "Kommune " + all.get(i), inhabitants[i]);
        }
        events.send(solution(SOLUTION, "Ratsinfo", List.of(POOL, FLAT, PER_INHABITANT)));
        events.send(solution(FLAT_ONLY, "Nur pauschal", List.of(OTHER_FLAT)));

        List<UUID> ended = new ArrayList<>();
        ended.add(events.activeLicense(A1, PROVIDER, SOLUTION, POOL, LocalDate.parse("2021-01-01"), END));
        ended.add(events.activeLicense(A2, PROVIDER, SOLUTION, POOL, LocalDate.parse("2021-03-01"), END));
        ended.add(events.activeLicense(A3, PROVIDER, SOLUTION, FLAT, LocalDate.parse("2021-02-01"), END));
        UUID suspended = events.activeLicense(SUSPENDED, PROVIDER, SOLUTION, FLAT, LocalDate.parse("2021-01-01"), END);
        ended.add(suspended);
        events.send(new LicenseSuspended(suspended.toString(), SUSPENDED, LocalDate.parse("2021-06-01")));
        ended.add(events.activeLicense(ENDED, PROVIDER, SOLUTION, FLAT, LocalDate.parse("2021-01-01"),
                LocalDate.parse("2021-05-31")));

        UUID requested = UUID.randomUUID();
        events.send(new LicenseRequested(requested.toString(), SOLUTION, PER_INHABITANT.planId(), "operator-1", REQUESTER,
                PROVIDER, Instant.parse("2021-06-10T08:00:00Z")));
        UUID rejected = UUID.randomUUID();
        events.send(new LicenseRequested(rejected.toString(), SOLUTION, FLAT.planId(), "operator-1", REJECTED, PROVIDER,
                Instant.parse("2021-06-10T08:00:00Z")));
        events.send(new LicenseRejected(rejected.toString(), SOLUTION, REJECTED, PROVIDER, "kein Bedarf",
                Instant.parse("2021-06-11T08:00:00Z")));

        String round = UUID.randomUUID().toString();
        events.send(new ScalingRoundOpened(round, SOLUTION, "Ratsinfo", PROVIDER,
                List.of(new RoundPurpose("Mandantenfähigkeit", new BigDecimal("16000.00")),
                        new RoundPurpose("Schnittstellen", new BigDecimal("8000.00"))),
                new BigDecimal("24000.00"), "EUR", LocalDate.parse("2021-07-31"), 3, Plans.VAT_19, "S", null,
                Instant.parse("2021-06-01T08:00:00Z")));
        events.send(new PledgeMade(round, SOLUTION, COMMITTER, new BigDecimal("2000.00"), PER_INHABITANT.planId(),
                "operator-1", Instant.parse("2021-06-02T08:00:00Z")));
        // replaced: the commitment that stands is the flat plan
        events.send(new PledgeMade(round, SOLUTION, COMMITTER, new BigDecimal("2000.00"), FLAT.planId(), "operator-1",
                Instant.parse("2021-06-03T08:00:00Z")));
        events.send(new PledgeMade(round, SOLUTION, WITHDRAWN, BigDecimal.ZERO, FLAT.planId(), "operator-1",
                Instant.parse("2021-06-04T08:00:00Z")));
        String lastOfRound = events.send(new PledgeWithdrawn(round, SOLUTION, WITHDRAWN, Instant.parse("2021-06-05T08:00:00Z")));

        ContractEvents.awaitView(licenses, municipalities, ended, all, () -> true);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from processed_event where consumer = 'billing-rounds' and event_id = ?::uuid", lastOfRound) == 1
                && count("select count(*) from license_request where state = 'REJECTED' and license_id = ?::uuid",
                        rejected.toString()) == 1
                && count("select count(*) from license_request where state = 'REQUESTED' and license_id = ?::uuid",
                        requested.toString()) == 1
                && count("select count(*) from license_suspension s join license l using (license_id) "
                        + "where l.adopter_ags = ?", SUSPENDED) == 1
                && count("select count(*) from catalog_plan where solution_id in (?, ?)", SOLUTION, FLAT_ONLY) == 4);
    }

    private static SolutionPublished solution(String id, String name, List<PlanTerms> plans) {
        return new SolutionPublished(id, PROVIDER, name, "Sitzungsdienst", "Verwaltung", SolutionState.PUBLISHED,
                ApprovalPolicy.MANUAL, List.of(OperatorType.SELF_OPERATED), List.of(HostingMode.SAAS), plans,
                Instant.parse("2021-01-01T08:00:00Z"));
    }

    private static PlanTerms named(PlanTerms p, String name) {
        return new PlanTerms(p.planId(), name, p.model(), p.monthlyFee(), p.ratePer1000(), p.minMonthly(), p.maxMonthly(),
                p.tiers(), p.monthlyPool(), p.costSharingKey(), p.inhabitantWeight(), p.setupFee(), p.minimumTermMonths(),
                p.noticePeriodDays(), p.vatRate(), p.vatCategory(), p.vatExemptionReason(), p.currency());
    }

    /**
     * The adopter's share with n participants, computed here with billing's allocation: the adopter (AGS 16999999), the
     * plan's active adopters in order of activation (A1 with 30,000, A2 with 10,000), then adopters of its own size.
     */
    private static BigDecimal shareWith(int n, long inhabitants) {
        BillingPeriod june = BillingPeriod.of(2021, 6);
        BillableDays full = new BillableDays(30, 30);
        List<CostSharingAllocation.Candidate> candidates = new ArrayList<>();
        candidates.add(new CostSharingAllocation.Candidate("adopter", "16999999", inhabitants, full));
        if (n >= 2) {
            candidates.add(new CostSharingAllocation.Candidate("a1", A1, 30_000, full));
        }
        if (n >= 3) {
            candidates.add(new CostSharingAllocation.Candidate("a2", A2, 10_000, full));
        }
        for (int h = 1; h <= n - 3; h++) {
            candidates.add(new CostSharingAllocation.Candidate("h" + h, String.valueOf(16_999_000 + h), inhabitants, full));
        }
        PriceTerms.CostSharing pool = (PriceTerms.CostSharing) ContractTerms.frozen(POOL).price();
        return CostSharingAllocation.allocate(pool, june, candidates).shareOf("adopter");
    }

    private static JsonPath breakEven(String provider, Map<String, ?> query) {
        return BillingApi.get(TestTokens.provider(provider), "/api/break-even", query);
    }

    private static void problem(String token, Map<String, ?> query, int status, String field) {
        JsonPath problem = BillingApi.json(given().auth().oauth2(token).queryParams(query)
                .when().get("/api/break-even").then().statusCode(status).contentType("application/problem+json"));
        if (field != null) {
            assertThat(problem.getList("violations.field", String.class)).contains(field);
        }
    }

    private static String month(JsonPath breakEven, int month) {
        return breakEven.getString("curve[" + (month - 1) + "].cumulativeNow") + " / "
                + breakEven.getString("curve[" + (month - 1) + "].cumulativeWithPipeline");
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

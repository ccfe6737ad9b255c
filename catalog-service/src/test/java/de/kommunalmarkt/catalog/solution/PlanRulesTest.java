package de.kommunalmarkt.catalog.solution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import de.kommunalmarkt.common.problem.Problem.Violation;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlanRulesTest {

    static final String NOT_SUBJECT_TO_VAT = "Nicht steuerbar: unentgeltliche Überlassung";

    /** A valid plan of each model, changed by the builder's withers in each test. */
    record Plan(String name, PriceModel model, BigDecimal monthlyFee, BigDecimal ratePer1000, BigDecimal minMonthly,
            BigDecimal maxMonthly, List<PlanRequest.Tier> tiers, BigDecimal monthlyPool, CostSharingKey key,
            BigDecimal weight, BigDecimal setupFee, Integer minimumTermMonths, Integer noticePeriodDays, BigDecimal vatRate,
            String vatCategory, String reason, String currency) {

        static Plan free() {
            return new Plan("Community", PriceModel.FREE, null, null, null, null, null, null, null, null, null, null, null,
                    BigDecimal.ZERO, "O", NOT_SUBJECT_TO_VAT, null);
        }

        static Plan flat(String fee) {
            return free().model(PriceModel.FLAT).monthlyFee(fee).vat("0.19", "S").reason(null);
        }

        static Plan perInhabitant() {
            return free().model(PriceModel.PER_INHABITANT).vat("0.19", "S").reason(null).rate("12.50").min("50").max("2000");
        }

        static Plan tiered(PlanRequest.Tier... tiers) {
            return new Plan("Staffel", PriceModel.TIERED, null, null, null, null, List.of(tiers), null, null, null, null, null,
                    null, new BigDecimal("0.19"), "S", null, null);
        }

        static Plan costSharing(CostSharingKey key, String weight) {
            return new Plan("Umlage", PriceModel.COST_SHARING, null, null, null, null, null, new BigDecimal("10000.00"), key,
                    weight == null ? null : new BigDecimal(weight), null, null, null, new BigDecimal("0.19"), "S", null, null);
        }

        Plan model(PriceModel m) {
            return new Plan(name, m, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan name(String n) {
            return new Plan(n, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan monthlyFee(String v) {
            return new Plan(name, model, dec(v), ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan rate(String v) {
            return new Plan(name, model, monthlyFee, dec(v), minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan min(String v) {
            return new Plan(name, model, monthlyFee, ratePer1000, dec(v), maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan max(String v) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, dec(v), tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan pool(String v) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, dec(v), key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan setupFee(String v) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, dec(v),
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        Plan terms(Integer months, Integer days) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    months, days, vatRate, vatCategory, reason, currency);
        }

        Plan vat(String rate, String category) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, dec(rate), category, reason, currency);
        }

        Plan reason(String r) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, r, currency);
        }

        Plan currency(String c) {
            return new Plan(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight, setupFee,
                    minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, c);
        }

        PlanRequest request() {
            return new PlanRequest(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, tiers, monthlyPool, key, weight,
                    setupFee, minimumTermMonths, noticePeriodDays, vatRate, vatCategory, reason, currency);
        }

        private static BigDecimal dec(String v) {
            return v == null ? null : new BigDecimal(v);
        }
    }

    static Stream<Arguments> vatTerms() {
        List<Arguments> cases = new ArrayList<>();
        for (String category : Arrays.asList("S", "Z", "E", "O", "X", null)) {
            for (String rate : Arrays.asList(null, "-0.01", "0", "0.0000", "0.07", "0.19", "0.25", "0.26")) {
                for (String reason : Arrays.asList(null, "", "  ", NOT_SUBJECT_TO_VAT)) {
                    cases.add(arguments(category, rate, reason));
                }
            }
        }
        return cases.stream();
    }

    static List<Violation> check(Plan plan) {
        return PlanRules.check(plan.request());
    }

    static List<String> fields(Plan plan) {
        return check(plan).stream().map(Violation::field).toList();
    }

    static PlanRequest.Tier tier(Long upTo, String fee) {
        return new PlanRequest.Tier(upTo, fee == null ? null : new BigDecimal(fee));
    }

    @Test
    void aValidPlanOfEveryModelPasses() {
        assertThat(check(Plan.free())).isEmpty();
        assertThat(check(Plan.flat("300.00"))).isEmpty();
        assertThat(check(Plan.perInhabitant())).isEmpty();
        assertThat(check(Plan.perInhabitant().min(null).max(null))).isEmpty();
        assertThat(check(Plan.tiered(tier(20_000L, "150.00"), tier(100_000L, "450"), tier(null, "900.5")))).isEmpty();
        assertThat(check(Plan.tiered(tier(null, "99.00")))).isEmpty();
        assertThat(check(Plan.costSharing(CostSharingKey.INHABITANTS, null))).isEmpty();
        assertThat(check(Plan.costSharing(CostSharingKey.EQUAL, null))).isEmpty();
        assertThat(check(Plan.costSharing(CostSharingKey.MIXED, "0.5"))).isEmpty();
    }

    @Nested
    class NameAndModel {
        @Test
        void aNameIsRequiredAndAtMost100Characters() {
            assertThat(fields(Plan.free().name(" "))).containsExactly("name");
            assertThat(fields(Plan.free().name(null))).containsExactly("name");
            assertThat(fields(Plan.free().name("x".repeat(101)))).containsExactly("name");
            assertThat(check(Plan.free().name("x".repeat(100)))).isEmpty();
        }

        @Test
        void aModelIsRequired() {
            assertThat(check(Plan.free().model(null))).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("FREE, FLAT, PER_INHABITANT, TIERED, COST_SHARING"));
        }

        @Test
        void fieldsAModelDoesNotUseAreRefusedByName() {
            assertThat(fields(Plan.free().monthlyFee("10"))).containsExactly("monthlyFee");
            assertThat(check(Plan.free().monthlyFee("10")).get(0).message()).isEqualTo("is not used by model FREE; leave it out");
            assertThat(fields(Plan.flat("300").rate("1.00"))).containsExactly("ratePer1000");
            assertThat(fields(Plan.perInhabitant().pool("100"))).containsExactly("monthlyPool");
            assertThat(fields(Plan.tiered(tier(null, "1")).monthlyFee("5"))).containsExactly("monthlyFee");
            assertThat(fields(Plan.costSharing(CostSharingKey.EQUAL, null).min("5"))).containsExactly("minMonthly");
        }
    }

    @Nested
    class ModelParameters {
        @Test
        void flatNeedsAMonthlyFee() {
            assertThat(fields(Plan.flat(null))).containsExactly("monthlyFee");
        }

        @Test
        void perInhabitantNeedsARateAndAMinimumNotAboveTheMaximum() {
            assertThat(fields(Plan.perInhabitant().rate(null))).containsExactly("ratePer1000");
            assertThat(check(Plan.perInhabitant().min("2000.01"))).singleElement()
                    .isEqualTo(new Violation("maxMonthly", "must not be less than minMonthly"));
            assertThat(check(Plan.perInhabitant().min("2000").max("2000"))).isEmpty();
        }

        @Test
        void tieredNeedsAtLeastOneTier() {
            assertThat(fields(Plan.tiered())).containsExactly("tiers");
        }

        @Test
        void tierBoundsAscendStrictly() {
            assertThat(check(Plan.tiered(tier(100_000L, "1"), tier(20_000L, "2"), tier(null, "3")))).singleElement()
                    .satisfies(v -> {
                        assertThat(v.field()).isEqualTo("tiers[1].upTo");
                        assertThat(v.message()).contains("greater than the previous tier's upTo (100000)");
                    });
            assertThat(fields(Plan.tiered(tier(20_000L, "1"), tier(20_000L, "2"), tier(null, "3")))).containsExactly("tiers[1].upTo");
        }

        @Test
        void onlyTheLastTierGoesWithoutAnUpperBound() {
            assertThat(fields(Plan.tiered(tier(null, "1"), tier(null, "2")))).containsExactly("tiers[0].upTo");
            assertThat(fields(Plan.tiered(tier(20_000L, "1"), tier(50_000L, "2")))).containsExactly("tiers[1].upTo");
        }

        @Test
        void tierBoundsArePositiveAndEveryTierHasAFee() {
            assertThat(fields(Plan.tiered(tier(0L, "1"), tier(null, "2")))).containsExactly("tiers[0].upTo");
            assertThat(fields(Plan.tiered(tier(10L, null), tier(null, "2")))).containsExactly("tiers[0].monthlyFee");
            assertThat(fields(Plan.tiered(tier(10L, "1"), tier(null, "-2")))).containsExactly("tiers[1].monthlyFee");
        }

        @Test
        void atMost20Tiers() {
            PlanRequest.Tier[] tiers = new PlanRequest.Tier[21];
            for (int i = 0; i < 20; i++) {
                tiers[i] = tier((i + 1) * 1000L, "1");
            }
            tiers[20] = tier(null, "1");
            assertThat(fields(Plan.tiered(tiers))).containsExactly("tiers");
        }

        @Test
        void costSharingNeedsAPoolAndAKey() {
            assertThat(fields(Plan.costSharing(CostSharingKey.EQUAL, null).pool(null))).containsExactly("monthlyPool");
            assertThat(fields(Plan.costSharing(null, null))).containsExactly("costSharingKey");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1", "0.25", "0.3333"})
        void theMixedWeightLiesIn0To1(String weight) {
            assertThat(check(Plan.costSharing(CostSharingKey.MIXED, weight))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-0.01", "1.01", "0.33333"})
        void aMixedWeightOutside0To1OrTooFineIsRefused(String weight) {
            assertThat(fields(Plan.costSharing(CostSharingKey.MIXED, weight))).containsExactly("inhabitantWeight");
        }

        @Test
        void mixedNeedsAWeightAndTheOtherKeysTakeNone() {
            assertThat(fields(Plan.costSharing(CostSharingKey.MIXED, null))).containsExactly("inhabitantWeight");
            assertThat(fields(Plan.costSharing(CostSharingKey.INHABITANTS, "0.5"))).containsExactly("inhabitantWeight");
        }
    }

    @Nested
    class Money {
        @ParameterizedTest
        @ValueSource(strings = {"0", "0.01", "300", "300.5", "300.50", "300.500", "10000000.00"})
        void nonNegativeAmountsWithAtMostTwoDecimalsPass(String amount) {
            assertThat(check(Plan.flat(amount))).isEmpty();
        }

        @Test
        void negativeAmountsAreRefused() {
            assertThat(check(Plan.flat("-0.01"))).containsExactly(new Violation("monthlyFee", "must not be negative"));
            assertThat(fields(Plan.perInhabitant().min("-1"))).containsExactly("minMonthly");
            assertThat(fields(Plan.costSharing(CostSharingKey.EQUAL, null).pool("-5"))).containsExactly("monthlyPool");
        }

        @Test
        void moreThanTwoDecimalsAreRefused() {
            assertThat(check(Plan.flat("300.001"))).containsExactly(
                    new Violation("monthlyFee", "must have at most 2 decimals (euro and cent)"));
            assertThat(fields(Plan.perInhabitant().rate("12.505"))).containsExactly("ratePer1000");
            assertThat(fields(Plan.perInhabitant().max("1.123"))).containsExactly("maxMonthly");
        }

        @Test
        void implausiblyLargeAmountsAreRefused() {
            assertThat(fields(Plan.flat("10000000.01"))).containsExactly("monthlyFee");
        }

        @Test
        void theSetupFeeIsMoneyToo() {
            assertThat(check(Plan.flat("1").setupFee("1500.00"))).isEmpty();
            assertThat(fields(Plan.flat("1").setupFee("-1"))).containsExactly("setupFee");
            assertThat(fields(Plan.flat("1").setupFee("1.999"))).containsExactly("setupFee");
        }
    }

    @Nested
    class Terms {
        @Test
        void minimumTermIs0To60Months() {
            assertThat(check(Plan.free().terms(0, null))).isEmpty();
            assertThat(check(Plan.free().terms(60, null))).isEmpty();
            assertThat(fields(Plan.free().terms(61, null))).containsExactly("minimumTermMonths");
            assertThat(fields(Plan.free().terms(-1, null))).containsExactly("minimumTermMonths");
        }

        @Test
        void noticePeriodIs0To365Days() {
            assertThat(check(Plan.free().terms(null, 365))).isEmpty();
            assertThat(fields(Plan.free().terms(null, 366))).containsExactly("noticePeriodDays");
            assertThat(fields(Plan.free().terms(null, -1))).containsExactly("noticePeriodDays");
        }

        @Test
        void theCurrencyIsEuro() {
            assertThat(check(Plan.free().currency("EUR"))).isEmpty();
            assertThat(fields(Plan.free().currency("USD"))).containsExactly("currency");
        }
    }

    @Nested
    class Vat {
        @ParameterizedTest
        @ValueSource(strings = {"0.07", "0.19", "0.25", "0.1234"})
        void aStandardRateFrom0To25PercentPasses(String rate) {
            assertThat(check(Plan.flat("1").vat(rate, "S"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-0.01", "0.26", "1", "19"})
        void aRateOutside0To025IsRefused(String rate) {
            assertThat(check(Plan.flat("1").vat(rate, "S"))).containsExactly(new Violation("vatRate", "must be between 0 and 0.25"));
        }

        @Test
        void theRateIsRequiredWithAtMost4Decimals() {
            assertThat(fields(Plan.flat("1").vat(null, "S"))).containsExactly("vatRate");
            assertThat(fields(Plan.flat("1").vat("0.12345", "S"))).containsExactly("vatRate");
        }

        @ParameterizedTest
        @ValueSource(strings = {"X", "s", ""})
        void theCategoryIsAnUncl5305Code(String category) {
            assertThat(fields(Plan.flat("1").vat("0.19", category))).containsExactly("vatCategory");
            assertThat(fields(Plan.flat("1").vat("0.19", null))).containsExactly("vatCategory");
        }

        @Test
        void exemptPlansNameTheirExemptionReason() {
            assertThat(fields(Plan.flat("1").vat("0", "E"))).containsExactly("vatExemptionReason");
            assertThat(fields(Plan.flat("1").vat("0", "E").reason("  "))).containsExactly("vatExemptionReason");
            assertThat(fields(Plan.flat("1").vat("0", "E").reason("x".repeat(501)))).containsExactly("vatExemptionReason");
            assertThat(check(Plan.flat("1").vat("0", "E").reason("Interkommunale Zusammenarbeit, § 2b UStG"))).isEmpty();
        }

        @Test
        void onlyExemptPlansCarryAnExemptionReason() {
            assertThat(fields(Plan.flat("1").vat("0.19", "S").reason("§ 2b UStG"))).containsExactly("vatExemptionReason");
        }

        @Test
        void theRateMatchesTheCategory() {
            assertThat(fields(Plan.flat("1").vat("0", "S"))).containsExactly("vatRate");
            assertThat(fields(Plan.flat("1").vat("0.19", "Z"))).containsExactly("vatRate");
            assertThat(fields(Plan.flat("1").vat("0.07", "O").reason(NOT_SUBJECT_TO_VAT))).containsExactly("vatRate");
            assertThat(check(Plan.flat("1").vat("0", "Z"))).isEmpty();
            assertThat(check(Plan.flat("1").vat("0", "O").reason(NOT_SUBJECT_TO_VAT))).isEmpty();
        }

        @Test
        void plansNotSubjectToVatNameTheirReasonAsBillingNeedsIt() {
            assertThat(check(Plan.free().reason(null))).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("vatExemptionReason");
                assertThat(v.message()).contains("required for VAT category O");
            });
            assertThat(fields(Plan.flat("1").vat("0", "O").reason(" "))).containsExactly("vatExemptionReason");
            assertThat(fields(Plan.flat("1").vat("0", "Z").reason(NOT_SUBJECT_TO_VAT))).containsExactly("vatExemptionReason");
        }

        /** The catalog's side of the contract with billing (billing's side: billing-service's PriceablePlansTest). */
        @ParameterizedTest(name = "{0} rate {1} reason [{2}]")
        @MethodSource("de.kommunalmarkt.catalog.solution.PlanRulesTest#vatTerms")
        void theCatalogAcceptsExactlyTheVatTermsTheSharedRuleAccepts(String category, String rate, String reason) {
            for (Plan shape : List.of(Plan.free(), Plan.flat("300.00"), Plan.perInhabitant(), Plan.tiered(tier(null, "99.00")),
                    Plan.costSharing(CostSharingKey.MIXED, "0.7"))) {
                Plan plan = shape.vat(rate, category).reason(reason);
                List<VatCategory.Violation> rule = VatCategory.check(category, rate == null ? null : new BigDecimal(rate), reason);

                assertThat(check(plan)).as(shape.model() + "").containsExactlyInAnyOrderElementsOf(
                        rule.stream().map(v -> new Violation(v.field(), v.message())).toList());
            }
        }
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        assertThat(fields(Plan.flat("-1").name("").setupFee("0.001").terms(61, 400).vat("0.3", "E")))
                .containsExactlyInAnyOrder("name", "monthlyFee", "setupFee", "minimumTermMonths", "noticePeriodDays", "vatRate",
                        "vatExemptionReason");
    }
}

package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import de.kommunalmarkt.billing.pricing.CostSharingAllocation.Candidate;
import de.kommunalmarkt.billing.pricing.PriceTerms.CostSharing;
import de.kommunalmarkt.billing.pricing.PriceTerms.Flat;
import de.kommunalmarkt.billing.pricing.PriceTerms.Free;
import de.kommunalmarkt.billing.pricing.PriceTerms.PerInhabitant;
import de.kommunalmarkt.billing.pricing.PriceTerms.Tiered.Tier;
import de.kommunalmarkt.billing.pricing.PriceTerms.Tiered;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InvoiceCalculatorTest {

    private static final BillingPeriod NOVEMBER_2026 = BillingPeriod.parse("2026-11");
    private static final BillingPeriod DECEMBER_2026 = BillingPeriod.parse("2026-12");
    private static final BigDecimal VAT_19 = new BigDecimal("0.19");
    private static final BigDecimal VAT_7 = new BigDecimal("0.07");
    private static final String EXEMPTION = "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)";

    private final InvoiceCalculator calculator = new InvoiceCalculator();

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    private static ContractTerms flat(String monthlyFee) {
        return ContractTerms.standard(new Flat(eur(monthlyFee)), VAT_19);
    }

    private static ContractTerms withSetupFee(ContractTerms terms, String setupFee) {
        return new ContractTerms(terms.price(), eur(setupFee), terms.vatRate(), terms.vatCategory(),
                terms.vatExemptionReason());
    }

    private static BillableLicense licence(String id, ContractTerms terms, LicenseTimeline timeline) {
        return BillableLicense.priced(id, terms, 100_000, timeline);
    }

    private InvoiceDraft invoice(BillingPeriod period, BillableLicense... licences) {
        return calculator.calculate(period, List.of(licences)).orElseThrow();
    }

    /** docs/DOMAIN.md, section "Worked example — period 2026-11" (D = 30), with VAT category S at 19 % on all lines. */
    @Nested
    class WorkedExample {

        private final ContractTerms flat300 = flat("300.00");
        private final ContractTerms perInhabitant = ContractTerms.standard(
                new PerInhabitant(eur("12.50"), eur("50.00"), eur("2000.00")), VAT_19);
        private final CostSharing pool = CostSharing.byInhabitants(eur("10000.00"));
        private final ContractTerms costSharing = ContractTerms.standard(pool, VAT_19);

        private final LicenseTimeline koelnFlat = LicenseTimeline.activeFrom(day("2026-11-16"));
        private final LicenseTimeline koelnPool = LicenseTimeline.activeFrom(day("2026-06-01"));
        private final LicenseTimeline ulmPerInhabitant = LicenseTimeline.activeFrom(day("2026-09-01"));
        private final LicenseTimeline ulmPool = LicenseTimeline.activeFrom(day("2026-07-15"));
        private final LicenseTimeline bambergPerInhabitant = LicenseTimeline.activeFrom(day("2026-11-11"));
        private final LicenseTimeline bambergPool = LicenseTimeline.activeFrom(day("2026-11-11"));

        private final CostSharingAllocation allocation = CostSharingAllocation.allocate(pool, NOVEMBER_2026, List.of(
                new Candidate("koeln-pool", "05315000", 1_080_000, BillableDays.of(NOVEMBER_2026, koelnPool)),
                new Candidate("ulm-pool", "08421000", 128_000, BillableDays.of(NOVEMBER_2026, ulmPool)),
                new Candidate("bamberg-pool", "09461000", 78_000, BillableDays.of(NOVEMBER_2026, bambergPool))));

        @Test
        void koelnPays150FlatPlus8398_13SharedForGross10172_27() {
            InvoiceDraft koeln = invoice(NOVEMBER_2026,
                    BillableLicense.priced("koeln-flat", flat300, 1_080_000, koelnFlat),
                    BillableLicense.costSharing("koeln-pool", costSharing, 1_080_000, koelnPool,
                            allocation.shareOf("koeln-pool")));

            assertThat(koeln.lines()).extracting(DraftLine::licenseId, DraftLine::netAmount).containsExactly(
                    tuple("koeln-flat", eur("150.00")),
                    tuple("koeln-pool", eur("8398.13")));
            assertThat(koeln.net()).isEqualTo(eur("8548.13"));
            assertThat(koeln.vat()).isEqualTo(eur("1624.14"));
            assertThat(koeln.gross()).isEqualTo(eur("10172.27"));
        }

        @Test
        void ulmPays1600PerInhabitantPlus995_33SharedForGross3088_44() {
            InvoiceDraft ulm = invoice(NOVEMBER_2026,
                    BillableLicense.priced("ulm-per-inhabitant", perInhabitant, 128_000, ulmPerInhabitant),
                    BillableLicense.costSharing("ulm-pool", costSharing, 128_000, ulmPool,
                            allocation.shareOf("ulm-pool")));

            assertThat(ulm.lines()).extracting(DraftLine::netAmount)
                    .containsExactly(eur("1600.00"), eur("995.33"));
            assertThat(ulm.net()).isEqualTo(eur("2595.33"));
            assertThat(ulm.vat()).isEqualTo(eur("493.11"));
            assertThat(ulm.gross()).isEqualTo(eur("3088.44"));
        }

        @Test
        void bambergPays650PerInhabitantPlus404_36SharedForGross1254_69() {
            InvoiceDraft bamberg = invoice(NOVEMBER_2026,
                    BillableLicense.priced("bamberg-per-inhabitant", perInhabitant, 78_000, bambergPerInhabitant),
                    BillableLicense.costSharing("bamberg-pool", costSharing, 78_000, bambergPool,
                            allocation.shareOf("bamberg-pool")));

            assertThat(bamberg.lines()).extracting(DraftLine::netAmount)
                    .containsExactly(eur("650.00"), eur("404.36"));
            assertThat(bamberg.net()).isEqualTo(eur("1054.36"));
            assertThat(bamberg.vat()).isEqualTo(eur("200.33"));
            assertThat(bamberg.gross()).isEqualTo(eur("1254.69"));
        }

        @Test
        void linesCarryKindModelAndBillableDaysForTheXRechnung() {
            InvoiceDraft koeln = invoice(NOVEMBER_2026,
                    BillableLicense.priced("koeln-flat", flat300, 1_080_000, koelnFlat),
                    BillableLicense.costSharing("koeln-pool", costSharing, 1_080_000, koelnPool,
                            allocation.shareOf("koeln-pool")));

            assertThat(koeln.lines()).extracting(DraftLine::kind, DraftLine::model, DraftLine::billableDays,
                    DraftLine::vatCategory, DraftLine::vatRate).containsExactly(
                    tuple(LineKind.USAGE, PriceModel.FLAT, new BillableDays(15, 30), VatCategory.S, VAT_19),
                    tuple(LineKind.USAGE, PriceModel.COST_SHARING, new BillableDays(30, 30), VatCategory.S, VAT_19));
            assertThat(koeln.vatGroups()).containsExactly(
                    new VatGroup(VatCategory.S, VAT_19, null, eur("8548.13"), eur("1624.14")));
        }
    }

    @Nested
    class UsageLines {

        @Test
        void aFullMonthBillsTheFullMonthAmount() {
            InvoiceDraft draft = invoice(NOVEMBER_2026, licence("l", flat("300.00"),
                    LicenseTimeline.activeFrom(day("2026-01-01"))));
            assertThat(draft.lines()).singleElement().extracting(DraftLine::netAmount).isEqualTo(eur("300.00"));
        }

        @Test
        void activationOnTheLastDayBillsOneDayRoundedHalfUp() {
            // 0.15 × 1 / 30 = 0.005 → 0.01
            InvoiceDraft draft = invoice(NOVEMBER_2026, licence("l", flat("0.15"),
                    LicenseTimeline.activeFrom(day("2026-11-30"))));
            assertThat(draft.lines()).singleElement().extracting(DraftLine::netAmount).isEqualTo(eur("0.01"));
        }

        @Test
        void aPartialMonthRoundsTheExactProRataAmountOnce() {
            // 100.00 × 29 / 30 = 96.666… → 96.67
            InvoiceDraft draft = invoice(NOVEMBER_2026, licence("l", flat("100.00"),
                    LicenseTimeline.activeFrom(day("2026-11-02"))));
            assertThat(draft.net()).isEqualTo(eur("96.67"));
        }

        @Test
        void terminationMidMonthBillsThroughEndsOn() {
            InvoiceDraft draft = invoice(NOVEMBER_2026, licence("l", flat("300.00"),
                    LicenseTimeline.activeFrom(day("2026-01-01")).endingOn(day("2026-11-10"))));
            assertThat(draft.net()).isEqualTo(eur("100.00"));
        }

        @Test
        void aSuspensionInsideTheMonthIsNotBilled() {
            InvoiceDraft draft = invoice(NOVEMBER_2026, licence("l", flat("300.00"),
                    LicenseTimeline.activeFrom(day("2026-01-01")).suspended(day("2026-11-10"), day("2026-11-20"))));
            assertThat(draft.lines()).singleElement().satisfies(line -> {
                assertThat(line.billableDays()).isEqualTo(new BillableDays(20, 30));
                assertThat(line.netAmount()).isEqualTo(eur("200.00"));
            });
        }

        @Test
        void aSuspensionSpanningPeriodsIsNotBilledInEither() {
            LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2026-01-01"))
                    .suspended(day("2026-11-16"), day("2026-12-17"));
            assertThat(invoice(NOVEMBER_2026, licence("l", flat("300.00"), timeline)).net()).isEqualTo(eur("150.00"));
            assertThat(invoice(DECEMBER_2026, licence("l", flat("310.00"), timeline)).net()).isEqualTo(eur("150.00"));
        }

        @Test
        void leapYearFebruaryDividesBy29() {
            InvoiceDraft draft = invoice(BillingPeriod.parse("2028-02"), licence("l", flat("290.00"),
                    LicenseTimeline.activeFrom(day("2028-02-15"))));
            assertThat(draft.lines()).singleElement().satisfies(line -> {
                assertThat(line.billableDays()).isEqualTo(new BillableDays(15, 29));
                assertThat(line.netAmount()).isEqualTo(eur("150.00"));
            });
        }

        @Test
        void commonYearFebruaryDividesBy28() {
            InvoiceDraft draft = invoice(BillingPeriod.parse("2027-02"), licence("l", flat("280.00"),
                    LicenseTimeline.activeFrom(day("2027-02-15"))));
            assertThat(draft.net()).isEqualTo(eur("140.00"));
        }

        @Test
        void perInhabitantLinesProRateTheClampedAmount() {
            ContractTerms plan = ContractTerms.standard(
                    new PerInhabitant(eur("12.50"), eur("50.00"), eur("2000.00")), VAT_19);
            LicenseTimeline twentyDays = LicenseTimeline.activeFrom(day("2026-11-11"));
            assertThat(invoice(NOVEMBER_2026, BillableLicense.priced("small", plan, 3_000, twentyDays)).net())
                    .isEqualTo(eur("33.33"));
            assertThat(invoice(NOVEMBER_2026, BillableLicense.priced("large", plan, 1_080_000, twentyDays)).net())
                    .isEqualTo(eur("1333.33"));
        }

        @Test
        void tieredLinesProRateTheTierFee() {
            ContractTerms plan = ContractTerms.standard(new Tiered(List.of(
                    new Tier(100_000L, eur("600.00")), new Tier(null, eur("1200.00")))), VAT_19);
            LicenseTimeline twentyDays = LicenseTimeline.activeFrom(day("2026-11-11"));
            assertThat(invoice(NOVEMBER_2026, BillableLicense.priced("at-bound", plan, 100_000, twentyDays)).net())
                    .isEqualTo(eur("800.00"));
            assertThat(invoice(NOVEMBER_2026, BillableLicense.priced("below", plan, 99_999, twentyDays)).net())
                    .isEqualTo(eur("400.00"));
        }
    }

    @Nested
    class SetupFee {

        private final ContractTerms planWithSetup = withSetupFee(flat("300.00"), "500.00");
        private final LicenseTimeline activatedMidNovember = LicenseTimeline.activeFrom(day("2026-11-16"));

        @Test
        void isAFullSeparateLineInTheActivationMonth() {
            InvoiceDraft november = invoice(NOVEMBER_2026, licence("l", planWithSetup, activatedMidNovember));

            assertThat(november.lines()).extracting(DraftLine::kind, DraftLine::netAmount, DraftLine::billableDays)
                    .containsExactly(
                            tuple(LineKind.USAGE, eur("150.00"), new BillableDays(15, 30)),
                            tuple(LineKind.SETUP_FEE, eur("500.00"), null));
            assertThat(november.net()).isEqualTo(eur("650.00"));
        }

        @Test
        void isNotChargedAgainInLaterMonths() {
            InvoiceDraft december = invoice(DECEMBER_2026, licence("l", planWithSetup, activatedMidNovember));
            assertThat(december.lines()).extracting(DraftLine::kind).containsExactly(LineKind.USAGE);
            assertThat(december.net()).isEqualTo(eur("300.00"));
        }

        @Test
        void isChargedInTheActivationMonthEvenWithoutBillableDays() {
            LicenseTimeline suspendedAtOnce = LicenseTimeline.activeFrom(day("2026-11-30"))
                    .suspended(day("2026-11-30"), null);
            InvoiceDraft november = invoice(NOVEMBER_2026, licence("l", planWithSetup, suspendedAtOnce));
            assertThat(november.lines()).extracting(DraftLine::kind).containsExactly(LineKind.SETUP_FEE);
        }

        @Test
        void ofAFreePlanIsItsOnlyLine() {
            ContractTerms freeWithSetup = withSetupFee(ContractTerms.standard(new Free(), VAT_19), "250.00");
            InvoiceDraft november = invoice(NOVEMBER_2026, licence("l", freeWithSetup, activatedMidNovember));
            assertThat(november.lines()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo(LineKind.SETUP_FEE);
                assertThat(line.model()).isEqualTo(PriceModel.FREE);
            });
            assertThat(calculator.calculate(DECEMBER_2026, List.of(licence("l", freeWithSetup, activatedMidNovember))))
                    .isEmpty();
        }
    }

    @Nested
    class ZeroLinesAndEmptyInvoices {

        @Test
        void zeroLinesAreLeftOut() {
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("free", ContractTerms.standard(new Free(), VAT_19), LicenseTimeline.activeFrom(day("2026-01-01"))),
                    licence("flat", flat("300.00"), LicenseTimeline.activeFrom(day("2026-01-01"))),
                    licence("ended", flat("300.00"), LicenseTimeline.activeFrom(day("2026-01-01")).endingOn(day("2026-10-31"))),
                    BillableLicense.costSharing("pool", ContractTerms.standard(CostSharing.equally(eur("99.00")), VAT_19),
                            1_000, LicenseTimeline.activeFrom(day("2026-01-01")).suspended(day("2026-10-01"), null),
                            eur("0.00")));
            assertThat(draft.lines()).extracting(DraftLine::licenseId).containsExactly("flat");
        }

        @Test
        void anInvoiceWithoutLinesIsNotIssued() {
            Optional<InvoiceDraft> draft = calculator.calculate(NOVEMBER_2026, List.of(
                    licence("free", ContractTerms.standard(new Free(), VAT_19), LicenseTimeline.activeFrom(day("2026-01-01"))),
                    licence("suspended", flat("300.00"),
                            LicenseTimeline.activeFrom(day("2026-01-01")).suspended(day("2026-10-15"), day("2026-12-01"))),
                    licence("future", flat("300.00"), LicenseTimeline.activeFrom(day("2026-12-01")))));
            assertThat(draft).isEmpty();
        }

        @Test
        void anAdopterWithoutLicencesGetsNoInvoice() {
            assertThat(calculator.calculate(NOVEMBER_2026, List.of())).isEmpty();
        }
    }

    @Nested
    class Vat {

        private final ContractTerms exempt = new ContractTerms(new Flat(eur("200.00")), BigDecimal.ZERO,
                BigDecimal.ZERO, VatCategory.E, EXEMPTION);
        private final LicenseTimeline wholeMonth = LicenseTimeline.activeFrom(day("2026-01-01"));

        @Test
        void groupsLinesPerCategoryAndRateWithAnExemptLine() {
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("standard", flat("100.00"), wholeMonth),
                    licence("reduced", ContractTerms.standard(new Flat(eur("50.00")), VAT_7), wholeMonth),
                    licence("exempt", exempt, wholeMonth),
                    licence("standard-too", flat("0.05"), wholeMonth));

            assertThat(draft.vatGroups()).containsExactly(
                    new VatGroup(VatCategory.S, VAT_19, null, eur("100.05"), eur("19.01")),
                    new VatGroup(VatCategory.S, VAT_7, null, eur("50.00"), eur("3.50")),
                    new VatGroup(VatCategory.E, BigDecimal.ZERO, EXEMPTION, eur("200.00"), eur("0.00")));
            assertThat(draft.net()).isEqualTo(eur("350.05"));
            assertThat(draft.vat()).isEqualTo(eur("22.51"));
            assertThat(draft.gross()).isEqualTo(eur("372.56"));
            assertThat(draft.lines()).filteredOn(line -> line.vatCategory() == VatCategory.E).singleElement()
                    .satisfies(line -> assertThat(line.vatExemptionReason()).isEqualTo(EXEMPTION));
        }

        @Test
        void roundsVatOncePerGroupNotPerLine() {
            // per line 0.03 × 0.19 = 0.0057 → 0.01, three times 0.03; per group 0.09 × 0.19 = 0.0171 → 0.02
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("a", flat("0.03"), wholeMonth),
                    licence("b", flat("0.03"), wholeMonth),
                    licence("c", flat("0.03"), wholeMonth));
            assertThat(draft.vatGroups()).singleElement().extracting(VatGroup::vat).isEqualTo(eur("0.02"));
            assertThat(draft.gross()).isEqualTo(eur("0.11"));
        }

        @Test
        void theSameRateWrittenWithAnotherScaleIsOneGroup() {
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("a", ContractTerms.standard(new Flat(eur("10.00")), new BigDecimal("0.19")), wholeMonth),
                    licence("b", ContractTerms.standard(new Flat(eur("10.00")), new BigDecimal("0.1900")), wholeMonth));
            assertThat(draft.vatGroups()).singleElement().satisfies(group -> {
                assertThat(group.net()).isEqualTo(eur("20.00"));
                assertThat(group.vat()).isEqualTo(eur("3.80"));
            });
        }

        @Test
        void theSetupFeeFallsIntoTheGroupOfItsLicence() {
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("exempt", withSetupFee(exempt, "1000.00"), LicenseTimeline.activeFrom(day("2026-11-01"))),
                    licence("standard", flat("100.00"), wholeMonth));
            assertThat(draft.vatGroups()).extracting(VatGroup::category, VatGroup::net, VatGroup::vat).containsExactly(
                    tuple(VatCategory.E, eur("1200.00"), eur("0.00")),
                    tuple(VatCategory.S, eur("100.00"), eur("19.00")));
            assertThat(draft.gross()).isEqualTo(eur("1319.00"));
        }

        @Test
        void differentExemptionReasonsShareTheirGroup() {
            ContractTerms otherReason = new ContractTerms(new Flat(eur("10.00")), BigDecimal.ZERO, BigDecimal.ZERO,
                    VatCategory.E, "§ 4 Nr. 21 UStG");
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    licence("a", exempt, wholeMonth),
                    licence("b", otherReason, wholeMonth),
                    licence("c", exempt, wholeMonth));
            assertThat(draft.vatGroups()).singleElement().extracting(VatGroup::exemptionReason)
                    .isEqualTo(EXEMPTION + "; § 4 Nr. 21 UStG");
        }
    }

    @Nested
    class Inputs {

        private final ContractTerms pool = ContractTerms.standard(CostSharing.equally(eur("100.00")), VAT_19);
        private final LicenseTimeline wholeMonth = LicenseTimeline.activeFrom(day("2026-01-01"));

        @Test
        void aCostSharingLicenceNeedsItsShare() {
            assertThatThrownBy(() -> BillableLicense.priced("pool", pool, 1_000, wholeMonth))
                    .hasMessageContaining("needs its allocated share");
        }

        @Test
        void onlyACostSharingLicenceTakesAShare() {
            assertThatThrownBy(() -> BillableLicense.costSharing("flat", flat("1.00"), 1_000, wholeMonth, eur("1.00")))
                    .hasMessageContaining("not cost sharing");
        }

        @Test
        void aShareIsWholeCents() {
            assertThatThrownBy(() -> BillableLicense.costSharing("pool", pool, 1_000, wholeMonth, eur("1.001")))
                    .hasMessageContaining("whole cents");
        }

        @Test
        void theCostSharingLineIsTheShareAsAllocated() {
            InvoiceDraft draft = invoice(NOVEMBER_2026,
                    BillableLicense.costSharing("pool", pool, 1_000, wholeMonth, eur("33.34")));
            assertThat(draft.net()).isEqualTo(eur("33.34"));
        }
    }
}

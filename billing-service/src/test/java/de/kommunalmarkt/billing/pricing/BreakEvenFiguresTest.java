package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BreakEven}'s arithmetic and a contribution's one-off line ({@link DraftLine#contribution}). */
class BreakEvenFiguresTest {

    private static final BillingPeriod JUNE = BillingPeriod.of(2021, 6);

    @Test
    void monthsToBreakEvenAreTheCeilingOrNoneWhileRevenueDoesNotExceedTheCost() {
        assertThat(BreakEven.monthsToBreakEven(eur("24000.00"), eur("1500.00"), eur("1900.00"))).isEqualTo(60L);
        assertThat(BreakEven.monthsToBreakEven(eur("24000.00"), eur("1500.00"), eur("2750.00"))).isEqualTo(20L);
        assertThat(BreakEven.monthsToBreakEven(eur("0.01"), eur("0.00"), eur("0.01"))).isEqualTo(1L);
        assertThat(BreakEven.monthsToBreakEven(eur("100000.00"), eur("0.00"), eur("0.01"))).isEqualTo(10_000_000L);
        assertThat(BreakEven.monthsToBreakEven(eur("24000.00"), eur("1500.00"), eur("1500.00"))).isNull();
        assertThat(BreakEven.monthsToBreakEven(eur("24000.00"), eur("1500.00"), eur("100.00"))).isNull();
        assertThat(BreakEven.monthsToBreakEven(eur("0.00"), eur("1500.00"), eur("100.00"))).isZero();
    }

    @Test
    void theCurveHas36MonthsOfCumulativeCashInCents() {
        BreakEven.Result result = BreakEven.of(eur("1000.00"), eur("10.00"), eur("40.00"), eur("60.00"));
        assertThat(result.curve()).hasSize(36);
        assertThat(result.curve().get(0)).isEqualTo(new BreakEven.Point(1, eur("-970.00"), eur("-950.00")));
        assertThat(result.curve().get(35)).isEqualTo(new BreakEven.Point(36, eur("80.00"), eur("800.00")));
        assertThat(result.monthsToBreakEvenNow()).isEqualTo(34L);
        assertThat(result.monthsToBreakEvenWithPipeline()).isEqualTo(20L);
        assertThatThrownBy(() -> BreakEven.of(eur("-1.00"), eur("0.00"), eur("0.00"), eur("0.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullMonthIsTheUsageLineOfALicenceActiveTheWholeMonthWithoutSetupFee() {
        ContractTerms perInhabitant = new ContractTerms(new PriceTerms.PerInhabitant(eur("12.50"), eur("50.00"),
                eur("2000.00")), eur("999.00"), new BigDecimal("0.19"), VatCategory.S, null);
        assertThat(BreakEven.fullMonth(perInhabitant, 128_000, JUNE)).isEqualTo(eur("1600.00"));
        assertThat(BreakEven.fullMonth(perInhabitant, 1_000, JUNE)).isEqualTo(eur("50.00"));
        assertThat(BreakEven.fullMonth(perInhabitant, 12_345, JUNE)).isEqualTo(eur("154.31"));
        assertThatThrownBy(() -> BreakEven.fullMonth(ContractTerms.standard(PriceTerms.CostSharing.equally(eur("10.00")),
                new BigDecimal("0.19")), 1_000, JUNE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyNewAdopterOfAnEqualPoolMakesItCheaperAndTheAdopterIsLastInLineForACent() {
        List<BigDecimal> prices = BreakEven.costSharingPrices(PriceTerms.CostSharing.equally(eur("1000.00")), 5_000,
                List.of(new BreakEven.Adopter("09162000", 1_500_000)), 10, JUNE);
        assertThat(prices).containsExactly(eur("1000.00"), eur("500.00"), eur("333.33"), eur("250.00"), eur("200.00"),
                eur("166.66"), eur("142.85"), eur("125.00"), eur("111.11"), eur("100.00"));
    }

    @Test
    void aContributionIsAOneOffLineWithTheRoundsVatAndMayBeAnInvoiceOfItsOwn() {
        DraftLine exempt = DraftLine.contribution(eur("1000.00"), VatCategory.E, BigDecimal.ZERO, "§ 2b UStG", null);
        assertThat(exempt.kind()).isEqualTo(LineKind.CONTRIBUTION);
        assertThat(exempt.licenseId()).isNull();
        assertThat(exempt.billableDays()).isNull();
        DraftLine standard = DraftLine.contribution(eur("7500.00"), VatCategory.S, new BigDecimal("0.19"), null, null);
        assertThat(standard.vatExemptionReason()).isNull();
        // the one VAT rule of event-contracts' VatCategory, as for plans
        assertThatThrownBy(() -> DraftLine.contribution(eur("7500.00"), VatCategory.S, new BigDecimal("0.19"), "frei", null))
                .isInstanceOf(IllegalArgumentException.class);
        InvoiceDraft alone = new InvoiceCalculator().calculate(JUNE, List.of(), List.of(), List.of(standard, exempt)).orElseThrow();
        assertThat(alone.net()).isEqualTo(eur("8500.00"));
        assertThat(alone.vat()).isEqualTo(eur("1425.00"));
        assertThat(alone.vatGroups()).extracting(VatGroup::category).containsExactly(VatCategory.S, VatCategory.E);
        assertThatThrownBy(() -> DraftLine.contribution(eur("0.00"), VatCategory.S, new BigDecimal("0.19"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DraftLine.contribution(eur("10.00"), VatCategory.E, BigDecimal.ZERO, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        BillableLicense license = BillableLicense.priced("l-1", ContractTerms.standard(new PriceTerms.Flat(eur("10.00")),
                new BigDecimal("0.19")), 1_000, LicenseTimeline.activeFrom(LocalDate.parse("2021-01-01")));
        DraftLine usage = new InvoiceCalculator().lines(JUNE, license).get(LineKind.USAGE);
        assertThatThrownBy(() -> new InvoiceCalculator().calculate(JUNE, List.of(), List.of(), List.of(usage)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }
}

package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FullMonthPrice}: a full month's usage line with its VAT, and a share if a municipality joined a pool. */
class FullMonthPriceTest {

    private static final BillingPeriod FEBRUARY = BillingPeriod.of(2024, 2);
    private static final BigDecimal VAT_19 = new BigDecimal("0.19");

    @Test
    void aFullMonthIsTheUsageLineWithItsVatAndNoSetupFee() {
        ContractTerms perInhabitant = new ContractTerms(new PriceTerms.PerInhabitant(eur("0.50"), null, null), eur("999.00"),
                VAT_19, VatCategory.S, null);
        // 0.50 × 77,592 / 1,000 = 38.796 → 38.80; VAT 0.19 × 38.80 = 7.372 → 7.37
        assertThat(FullMonthPrice.of(perInhabitant, 77_592, FEBRUARY))
                .isEqualTo(new FullMonthPrice(eur("38.80"), VAT_19, eur("7.37"), eur("46.17"), null));
        assertThat(FullMonthPrice.of(perInhabitant, 77_592, FEBRUARY).net())
                .isEqualTo(BreakEven.fullMonth(perInhabitant, 77_592, FEBRUARY));
        ContractTerms exempt = new ContractTerms(new PriceTerms.Flat(eur("250.00")), eur("0.00"), BigDecimal.ZERO,
                VatCategory.E, "Steuerfrei nach § 2b UStG");
        assertThat(FullMonthPrice.of(exempt, 5_000, FEBRUARY))
                .isEqualTo(new FullMonthPrice(eur("250.00"), BigDecimal.ZERO, eur("0.00"), eur("250.00"), null));
        assertThatThrownBy(() -> FullMonthPrice.of(ContractTerms.standard(PriceTerms.CostSharing.equally(eur("10.00")),
                VAT_19), 1_000, FEBRUARY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joiningAPoolIsTheLargestRemainderShareWithTheMunicipalityAdded() {
        ContractTerms pool = ContractTerms.standard(PriceTerms.CostSharing.equally(eur("100.00")), VAT_19);
        List<BreakEven.Adopter> two = List.of(new BreakEven.Adopter("09162000", 1_500_000),
                new BreakEven.Adopter("09461000", 77_592));
        // 100 / 3 = 33.333… each: 99.99 cut, the missing cent to the lowest AGS (09162000), so the joiner gets 33.33
        assertThat(FullMonthPrice.joining(pool, new BreakEven.Adopter("09564000", 500_000), two, FEBRUARY))
                .isEqualTo(new FullMonthPrice(eur("33.33"), VAT_19, eur("6.33"), eur("39.66"), 3));
        // a joiner with the lowest AGS gets the cent
        assertThat(FullMonthPrice.joining(pool, new BreakEven.Adopter("01001000", 80_000), two, FEBRUARY).net())
                .isEqualTo(eur("33.34"));
        assertThat(FullMonthPrice.joining(pool, new BreakEven.Adopter("09564000", 500_000), List.of(), FEBRUARY))
                .isEqualTo(new FullMonthPrice(eur("100.00"), VAT_19, eur("19.00"), eur("119.00"), 1));
        assertThat(BreakEven.shareJoining((PriceTerms.CostSharing) pool.price(), new BreakEven.Adopter(BreakEven.ADOPTER_AGS,
                5_000), two, FEBRUARY)).isEqualTo(BreakEven.costSharingPrices((PriceTerms.CostSharing) pool.price(), 5_000,
                two, 3, FEBRUARY).get(2));
    }

    @Test
    void onlyAPriceThatDoesNotDependOnTheInhabitantsHasOneForAnySize() {
        assertThat(new PriceTerms.Free().dependsOnInhabitants()).isFalse();
        assertThat(new PriceTerms.Flat(eur("1.00")).dependsOnInhabitants()).isFalse();
        assertThat(PriceTerms.CostSharing.equally(eur("1.00")).dependsOnInhabitants()).isFalse();
        assertThat(PriceTerms.CostSharing.mixed(eur("1.00"), BigDecimal.ZERO).dependsOnInhabitants()).isFalse();
        assertThat(PriceTerms.CostSharing.mixed(eur("1.00"), new BigDecimal("0.5")).dependsOnInhabitants()).isTrue();
        assertThat(PriceTerms.CostSharing.byInhabitants(eur("1.00")).dependsOnInhabitants()).isTrue();
        assertThat(new PriceTerms.PerInhabitant(eur("1.00"), null, null).dependsOnInhabitants()).isTrue();

        assertThat(FullMonthPrice.ofAnySize(ContractTerms.standard(new PriceTerms.Flat(eur("400.00")), VAT_19), "09461000",
                List.of(), FEBRUARY)).isEqualTo(new FullMonthPrice(eur("400.00"), VAT_19, eur("76.00"), eur("476.00"), null));
        assertThat(FullMonthPrice.ofAnySize(ContractTerms.standard(PriceTerms.CostSharing.equally(eur("1000.00")), VAT_19),
                "09461000", List.of(new BreakEven.Adopter("09162000", 1_500_000)), FEBRUARY))
                .isEqualTo(new FullMonthPrice(eur("500.00"), VAT_19, eur("95.00"), eur("595.00"), 2));
        assertThatThrownBy(() -> FullMonthPrice.ofAnySize(ContractTerms.standard(new PriceTerms.PerInhabitant(eur("1.00"),
                null, null), VAT_19), "09461000", List.of(), FEBRUARY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }
}

package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terms a licence froze on grant (LicenseGranted.terms) become the contract the pricing engine bills. */
class FrozenPlanTermsTest {

    private static final BigDecimal VAT_19 = new BigDecimal("0.19");

    private static PlanTerms plan(PriceModel model, BigDecimal monthlyFee, BigDecimal ratePer1000, BigDecimal min,
            BigDecimal max, List<Tier> tiers, BigDecimal pool, CostSharingKey key, BigDecimal weight, BigDecimal setupFee,
            BigDecimal vatRate, String category, String reason, String currency) {
        return new PlanTerms("plan-1", "Basis", model, monthlyFee, ratePer1000, min, max, tiers, pool, key, weight,
                setupFee, 12, 90, vatRate, category, reason, currency);
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void everyModelBecomesItsPriceTerms() {
        assertThat(ContractTerms.frozen(plan(PriceModel.FREE, null, null, null, null, null, null, null, null, eur("100.00"),
                VAT_19, "S", null, "EUR")).price()).isEqualTo(new PriceTerms.Free());
        assertThat(ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null, null, null,
                VAT_19, "S", null, "EUR")).price()).isEqualTo(new PriceTerms.Flat(eur("300.00")));
        assertThat(ContractTerms.frozen(plan(PriceModel.PER_INHABITANT, null, eur("12.50"), eur("50.00"), null, null, null,
                null, null, null, VAT_19, "S", null, "EUR")).price())
                .isEqualTo(new PriceTerms.PerInhabitant(eur("12.50"), eur("50.00"), null));
        assertThat(ContractTerms.frozen(plan(PriceModel.TIERED, null, null, null, null,
                List.of(new Tier(10_000L, eur("99.00")), new Tier(null, eur("499.00"))), null, null, null, null, VAT_19, "S",
                null, "EUR")).price().model()).isEqualTo(PriceModel.TIERED);
        assertThat(ContractTerms.frozen(plan(PriceModel.COST_SHARING, null, null, null, null, null, eur("10000.00"),
                CostSharingKey.MIXED, eur("0.4"), null, VAT_19, "S", null, "EUR")).price())
                .isEqualTo(PriceTerms.CostSharing.mixed(eur("10000.00"), eur("0.4")));
    }

    @Test
    void keepsFeesAndVatTermsAndTakesAMissingSetupFeeAsZero() {
        ContractTerms exempt = ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null,
                null, eur("1500.00"), BigDecimal.ZERO, "E", "§ 2b UStG", "EUR"));
        assertThat(exempt.setupFee()).isEqualByComparingTo("1500.00");
        assertThat(exempt.vatCategory()).isEqualTo(VatCategory.E);
        assertThat(exempt.vatExemptionReason()).isEqualTo("§ 2b UStG");
        assertThat(ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null, null, null,
                VAT_19, "S", null, null)).setupFee()).isEqualByComparingTo("0");
    }

    @Test
    void refusesTermsItCannotBillNamingWhatIsWrong() {
        assertThatThrownBy(() -> ContractTerms.frozen(plan(PriceModel.FLAT, null, null, null, null, null, null, null, null,
                null, VAT_19, "S", null, "EUR"))).hasMessageContaining("monthlyFee");
        assertThatThrownBy(() -> ContractTerms.frozen(plan(PriceModel.TIERED, null, null, null, null, null, null, null, null,
                null, VAT_19, "S", null, "EUR"))).hasMessageContaining("tiers");
        assertThatThrownBy(() -> ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null,
                null, null, VAT_19, "X", null, "EUR"))).hasMessageContaining("vatCategory must be an UNCL5305 code");
        assertThatThrownBy(() -> ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null,
                null, null, BigDecimal.ZERO, "E", null, "EUR"))).hasMessageContaining("vatExemptionReason is required");
        assertThatThrownBy(() -> ContractTerms.frozen(plan(PriceModel.FLAT, eur("300.00"), null, null, null, null, null, null,
                null, null, VAT_19, "S", null, "CHF"))).hasMessageContaining("currency must be EUR");
    }
}

package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.billing.pricing.PriceTerms.Flat;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ContractTermsTest {

    private static final Flat FLAT = new Flat(new BigDecimal("300.00"));

    @Test
    void standardTermsHaveNoSetupFeeAndCategoryS() {
        ContractTerms terms = ContractTerms.standard(FLAT, new BigDecimal("0.19"));
        assertThat(terms.setupFee()).isEqualTo(new BigDecimal("0.00"));
        assertThat(terms.vatCategory()).isEqualTo(VatCategory.S);
        assertThat(terms.vatExemptionReason()).isNull();
    }

    @Test
    void exemptTermsCarryRateZeroAndTheirReason() {
        ContractTerms terms = new ContractTerms(FLAT, new BigDecimal("500.00"), BigDecimal.ZERO, VatCategory.E,
                "§ 2b UStG");
        assertThat(terms.vatExemptionReason()).isEqualTo("§ 2b UStG");
    }

    @Test
    void refusesAVatRateAbove25Percent() {
        assertThatThrownBy(() -> ContractTerms.standard(FLAT, new BigDecimal("0.26")))
                .hasMessageContaining("vatRate must be between 0 and 0.25");
    }

    @Test
    void refusesCategorySWithoutARate() {
        assertThatThrownBy(() -> ContractTerms.standard(FLAT, BigDecimal.ZERO)).hasMessageContaining("above 0");
    }

    @Test
    void refusesAnExemptCategoryWithARate() {
        assertThatThrownBy(() -> new ContractTerms(FLAT, BigDecimal.ZERO, new BigDecimal("0.07"), VatCategory.E,
                "§ 2b UStG")).hasMessageContaining("vatRate must be 0 for VAT category E");
    }

    @Test
    void refusesExemptAndOutOfScopeWithoutAReason() {
        assertThatThrownBy(() -> new ContractTerms(FLAT, BigDecimal.ZERO, BigDecimal.ZERO, VatCategory.E, " "))
                .hasMessageContaining("vatExemptionReason is required");
        assertThatThrownBy(() -> new ContractTerms(FLAT, BigDecimal.ZERO, BigDecimal.ZERO, VatCategory.O, null))
                .hasMessageContaining("vatExemptionReason is required");
    }

    @Test
    void refusesAReasonOnStandardOrZeroRatedTerms() {
        assertThatThrownBy(() -> new ContractTerms(FLAT, BigDecimal.ZERO, new BigDecimal("0.19"), VatCategory.S, "x"))
                .hasMessageContaining("vatExemptionReason is only given for VAT categories E and O");
        assertThatThrownBy(() -> new ContractTerms(FLAT, BigDecimal.ZERO, BigDecimal.ZERO, VatCategory.Z, "x"))
                .hasMessageContaining("vatExemptionReason is only given for VAT categories E and O");
    }

    @Test
    void refusesANegativeOrSubCentSetupFee() {
        assertThatThrownBy(() -> new ContractTerms(FLAT, new BigDecimal("-1"), new BigDecimal("0.19"), VatCategory.S,
                null)).hasMessageContaining("setupFee");
        assertThatThrownBy(() -> new ContractTerms(FLAT, new BigDecimal("0.001"), new BigDecimal("0.19"),
                VatCategory.S, null)).hasMessageContaining("whole cents");
    }
}

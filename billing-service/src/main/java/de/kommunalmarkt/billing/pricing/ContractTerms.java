package de.kommunalmarkt.billing.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The terms a licence froze from its plan on grant, as far as billing needs them.
 *
 * <p>The VAT checks follow EN 16931 so that every invoice can become a valid XRechnung: category S
 * has a rate above 0; E, Z and O have rate 0; E and O carry an exemption reason, S and Z none.
 */
public record ContractTerms(
        PriceTerms price,
        BigDecimal setupFee,
        BigDecimal vatRate,
        VatCategory vatCategory,
        String vatExemptionReason) {

    private static final BigDecimal MAX_VAT_RATE = new BigDecimal("0.25");

    public ContractTerms {
        Objects.requireNonNull(price, "price terms are required");
        setupFee = Money.requireCents("setupFee", setupFee);
        Money.requireNonNegative("vatRate", vatRate);
        Objects.requireNonNull(vatCategory, "vatCategory is required");
        if (vatRate.compareTo(MAX_VAT_RATE) > 0) {
            throw new IllegalArgumentException("vatRate must be within [0, 0.25], got " + vatRate);
        }
        if (vatCategory == VatCategory.S && vatRate.signum() == 0) {
            throw new IllegalArgumentException("VAT category S needs a rate above 0");
        }
        if (vatCategory != VatCategory.S && vatRate.signum() != 0) {
            throw new IllegalArgumentException("VAT category " + vatCategory + " needs rate 0, got " + vatRate);
        }
        boolean hasReason = vatExemptionReason != null && !vatExemptionReason.isBlank();
        if (vatCategory.needsExemptionReason() && !hasReason) {
            throw new IllegalArgumentException("VAT category " + vatCategory + " needs an exemption reason");
        }
        if (!vatCategory.needsExemptionReason() && vatExemptionReason != null) {
            throw new IllegalArgumentException("VAT category " + vatCategory + " takes no exemption reason");
        }
    }

    /** Standard-rated terms without a setup fee. */
    public static ContractTerms standard(PriceTerms price, BigDecimal vatRate) {
        return new ContractTerms(price, BigDecimal.ZERO, vatRate, VatCategory.S, null);
    }
}

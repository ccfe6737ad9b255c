package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Tier;
import java.math.BigDecimal;
import java.util.List;
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

    /**
     * The terms a licence froze on grant ({@code LicenseGranted.terms}), checked like any other terms
     * (the model's parameters present, amounts in whole cents, VAT consistent); a missing setup fee is 0.
     *
     * @throws IllegalArgumentException naming what is wrong with the terms
     */
    public static ContractTerms frozen(PlanTerms plan) {
        Objects.requireNonNull(plan, "plan terms are required");
        Objects.requireNonNull(plan.model(), "model is required");
        if (plan.currency() != null && !"EUR".equals(plan.currency())) {
            throw new IllegalArgumentException("currency must be EUR, got " + plan.currency());
        }
        if (plan.vatCategory() == null) {
            throw new IllegalArgumentException("vatCategory is required");
        }
        VatCategory category;
        try {
            category = VatCategory.valueOf(plan.vatCategory());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vatCategory must be one of S, E, Z, O, got " + plan.vatCategory(), e);
        }
        String reason = plan.vatExemptionReason() == null || plan.vatExemptionReason().isBlank()
                ? null : plan.vatExemptionReason();
        BigDecimal setupFee = plan.setupFee() == null ? BigDecimal.ZERO : plan.setupFee();
        return new ContractTerms(priceOf(plan), setupFee, plan.vatRate(), category, reason);
    }

    private static PriceTerms priceOf(PlanTerms plan) {
        return switch (plan.model()) {
            case FREE -> new PriceTerms.Free();
            case FLAT -> new PriceTerms.Flat(plan.monthlyFee());
            case PER_INHABITANT -> new PriceTerms.PerInhabitant(plan.ratePer1000(), plan.minMonthly(), plan.maxMonthly());
            case TIERED -> new PriceTerms.Tiered(tiersOf(plan.tiers()));
            case COST_SHARING -> new PriceTerms.CostSharing(plan.monthlyPool(), plan.costSharingKey(),
                    plan.inhabitantWeight());
        };
    }

    private static List<PriceTerms.Tiered.Tier> tiersOf(List<Tier> tiers) {
        Objects.requireNonNull(tiers, "tiers are required for a TIERED plan");
        return tiers.stream().map(tier -> new PriceTerms.Tiered.Tier(tier.upTo(), tier.monthlyFee())).toList();
    }

    /** Standard-rated terms without a setup fee. */
    public static ContractTerms standard(PriceTerms price, BigDecimal vatRate) {
        return new ContractTerms(price, BigDecimal.ZERO, vatRate, VatCategory.S, null);
    }
}

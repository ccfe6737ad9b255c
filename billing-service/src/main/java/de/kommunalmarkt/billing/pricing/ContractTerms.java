package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The terms a licence froze from its plan on grant, as far as billing needs them.
 *
 * <p>The VAT terms keep the one VAT rule of the contract ({@link VatCategory}), the same rule the
 * catalog checks plans against, so every plan the catalog accepted can be priced here and every
 * invoice can become a valid XRechnung.
 */
public record ContractTerms(
        PriceTerms price,
        BigDecimal setupFee,
        BigDecimal vatRate,
        VatCategory vatCategory,
        String vatExemptionReason) {

    public ContractTerms {
        Objects.requireNonNull(price, "price terms are required");
        setupFee = Money.requireCents("setupFee", setupFee);
        Objects.requireNonNull(vatCategory, "vatCategory is required");
        requireVatRule(VatCategory.check(vatCategory.name(), vatRate, vatExemptionReason));
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
        requireVatRule(VatCategory.check(plan.vatCategory(), plan.vatRate(), plan.vatExemptionReason()));
        VatCategory category = VatCategory.valueOf(plan.vatCategory());
        String reason = category.needsExemptionReason() ? plan.vatExemptionReason() : null;
        BigDecimal setupFee = plan.setupFee() == null ? BigDecimal.ZERO : plan.setupFee();
        return new ContractTerms(priceOf(plan), setupFee, plan.vatRate(), category, reason);
    }

    private static void requireVatRule(List<VatCategory.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream().map(v -> v.field() + " " + v.message())
                    .collect(Collectors.joining("; ")));
        }
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

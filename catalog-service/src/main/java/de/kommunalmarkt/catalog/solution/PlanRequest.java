package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a provider sends to add (or, on a draft, change) a plan. Which fields a model needs, and the
 * limits of every value, are {@link PlanRules}. Omitted {@code setupFee}, {@code minimumTermMonths}
 * and {@code noticePeriodDays} mean 0; the currency is always EUR.
 */
@ValidPlan
public record PlanRequest(
        String name,
        PriceModel model,
        BigDecimal monthlyFee,
        BigDecimal ratePer1000,
        BigDecimal minMonthly,
        BigDecimal maxMonthly,
        List<Tier> tiers,
        BigDecimal monthlyPool,
        CostSharingKey costSharingKey,
        BigDecimal inhabitantWeight,
        BigDecimal setupFee,
        Integer minimumTermMonths,
        Integer noticePeriodDays,
        BigDecimal vatRate,
        String vatCategory,
        String vatExemptionReason,
        String currency) {

    /** A step of a TIERED plan: {@code upTo} exclusive, ascending, the last without it. */
    public record Tier(Long upTo, BigDecimal monthlyFee) {
    }
}

package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * The price and contract terms of a plan, as the catalog publishes them and as a licence freezes
 * them on grant. Fields a {@link PriceModel} does not use are {@code null} and left out of the JSON.
 *
 * @param monthlyFee         FLAT
 * @param ratePer1000        PER_INHABITANT: EUR per month per 1000 inhabitants
 * @param minMonthly         PER_INHABITANT, optional
 * @param maxMonthly         PER_INHABITANT, optional
 * @param tiers              TIERED, ascending by {@code upTo}, the last without {@code upTo}
 * @param monthlyPool        COST_SHARING: the provider's monthly cost to split
 * @param costSharingKey     COST_SHARING
 * @param inhabitantWeight   COST_SHARING with key MIXED: weight w ∈ [0,1] of the inhabitant share
 * @param setupFee           one-time, ≥ 0
 * @param vatRate            0 … 0.25, e.g. 0.19
 * @param vatCategory        UNCL5305 code: S, E, Z or O
 * @param vatExemptionReason required when {@code vatCategory} is E (e.g. § 2b UStG)
 * @param currency           always EUR
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanTerms(
        String planId,
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
        int minimumTermMonths,
        int noticePeriodDays,
        BigDecimal vatRate,
        String vatCategory,
        String vatExemptionReason,
        String currency) {

    public PlanTerms {
        tiers = tiers == null ? null : List.copyOf(tiers);
    }
}

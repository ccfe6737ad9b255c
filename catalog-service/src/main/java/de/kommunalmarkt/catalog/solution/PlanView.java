package de.kommunalmarkt.catalog.solution;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A plan as the catalog shows it; fields its model does not use are left out, {@code retiredAt} only once retired. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanView(
        UUID id,
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
        String currency,
        boolean active,
        Instant createdAt,
        Instant retiredAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tier(Long upTo, BigDecimal monthlyFee) {
    }
}

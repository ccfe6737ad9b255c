package de.kommunalmarkt.billing.breakeven;

import java.math.BigDecimal;
import java.util.List;

/**
 * The break-even of a provider's solution (README, "Break-even"): amounts in EUR to the cent; the months to break even
 * are null when they never come (revenue not above the running cost while there is an investment) and may lie beyond
 * the 36 months of {@code curve}.
 */
public record BreakEvenView(
        String solutionId,
        BigDecimal investment,
        BigDecimal monthlyCost,
        BigDecimal revenueNow,
        BigDecimal revenueWithPipeline,
        Long monthsToBreakEvenNow,
        Long monthsToBreakEvenWithPipeline,
        List<Month> curve,
        List<CostSharingPlan> costSharing) {

    /** The cumulative cash after {@code month} months, with the revenue now and with the pipeline. */
    public record Month(int month, BigDecimal cumulativeNow, BigDecimal cumulativeWithPipeline) {
    }

    /** A cost-sharing plan: what an adopter of {@code inhabitants} pays a month with 1, 2, … N adopters. */
    public record CostSharingPlan(String planId, String planName, long inhabitants, List<Price> prices) {
    }

    public record Price(int adopters, BigDecimal monthlyPrice) {
    }
}

package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a provider municipality earned in a period: net revenue per (solution, adopter), the platform
 * fee = round(feeRate × total) HALF_UP to the cent, and the payout = total − fee.
 */
public record ProviderStatement(
        String providerAgs,
        BillingPeriod period,
        List<SolutionRevenue> revenues,
        BigDecimal total,
        BigDecimal feeRate,
        BigDecimal platformFee,
        BigDecimal payout) {

    /** One invoiced net amount for a solution of the provider (a line of an adopter's invoice). */
    public record Revenue(String solutionId, String adopterAgs, BigDecimal net) {

        public Revenue {
            Objects.requireNonNull(solutionId, "solutionId is required");
            Ags.require("adopterAgs", adopterAgs);
            net = Money.requireCents("net", net);
        }
    }

    /** The net revenue of one solution from one adopter in the period. */
    public record SolutionRevenue(String solutionId, String adopterAgs, BigDecimal net) {
    }

    public ProviderStatement {
        revenues = List.copyOf(revenues);
    }

    /** Sums the revenues per (solution, adopter), ordered by solution id and then adopter AGS. */
    public static ProviderStatement calculate(String providerAgs, BillingPeriod period, List<Revenue> revenues,
            BigDecimal feeRate) {
        Ags.require("providerAgs", providerAgs);
        Objects.requireNonNull(period, "period is required");
        Objects.requireNonNull(revenues, "revenues are required");
        Money.requireNonNegative("feeRate", feeRate);
        if (feeRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("feeRate must be within [0, 1], got " + feeRate);
        }
        Map<SolutionAdopter, BigDecimal> sums = new TreeMap<>(Comparator.comparing(SolutionAdopter::solutionId)
                .thenComparing(SolutionAdopter::adopterAgs));
        for (Revenue revenue : revenues) {
            sums.merge(new SolutionAdopter(revenue.solutionId(), revenue.adopterAgs()), revenue.net(), BigDecimal::add);
        }
        List<SolutionRevenue> perSolutionAndAdopter = sums.entrySet().stream()
                .map(sum -> new SolutionRevenue(sum.getKey().solutionId(), sum.getKey().adopterAgs(), sum.getValue()))
                .toList();
        BigDecimal total = perSolutionAndAdopter.stream().map(SolutionRevenue::net).reduce(Money.zero(), BigDecimal::add);
        BigDecimal platformFee = Money.roundToCent(feeRate.multiply(total));
        return new ProviderStatement(providerAgs, period, perSolutionAndAdopter, total, feeRate, platformFee,
                total.subtract(platformFee));
    }

    private record SolutionAdopter(String solutionId, String adopterAgs) {
    }
}

package de.kommunalmarkt.billing.statement;

import java.math.BigDecimal;
import java.util.List;

/** What a provider municipality earned in a period: net revenue per solution and adopter, the platform fee and the payout. */
public record StatementView(
        String providerAgs,
        String period,
        List<Revenue> revenues,
        BigDecimal netRevenue,
        BigDecimal platformFeeRate,
        BigDecimal platformFee,
        BigDecimal payout,
        String currency) {

    public record Revenue(String solutionId, String solutionName, String adopterAgs, String adopterName, BigDecimal net) {
    }
}

package de.kommunalmarkt.billing.statement;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a provider municipality earned in a period: net revenue per solution and adopter — licence lines and
 * scaling-round contributions, of which {@code contributions} is the part from contributions — the platform fee (on
 * both) and the payout.
 */
public record StatementView(
        String providerAgs,
        String period,
        List<Revenue> revenues,
        BigDecimal netRevenue,
        BigDecimal contributionRevenue,
        BigDecimal platformFeeRate,
        BigDecimal platformFee,
        BigDecimal payout,
        String currency) {

    /** {@code net}: all the adopter's invoiced net for the solution; {@code contributions}: the part of it from contributions. */
    public record Revenue(String solutionId, String solutionName, String adopterAgs, String adopterName, BigDecimal net,
            BigDecimal contributions) {
    }
}

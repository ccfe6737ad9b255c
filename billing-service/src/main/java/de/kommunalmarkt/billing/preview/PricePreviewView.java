package de.kommunalmarkt.billing.preview;

import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.util.List;

/**
 * The price of each offered plan of a solution for the caller's municipality (billing README, REST API): a full month
 * of {@code period} (YYYY-MM, the current month), amounts in EUR to the cent as the invoice line rounds them.
 * {@code municipalityName} and {@code inhabitants} are null while billing does not know the municipality.
 */
public record PricePreviewView(
        String solutionId,
        String municipality,
        String municipalityName,
        Long inhabitants,
        String period,
        List<Plan> plans,
        String note) {

    /**
     * A plan's price: {@code monthlyNet}, {@code vatAmount} and {@code monthlyGross} null when the price depends on
     * inhabitants billing does not know; {@code participants} (cost sharing only, else null) how many would share the
     * pool, the caller's municipality included; {@code basis} a German one-line explanation.
     */
    public record Plan(
            String planId,
            String name,
            PriceModel model,
            BigDecimal monthlyNet,
            BigDecimal vatRate,
            BigDecimal vatAmount,
            BigDecimal monthlyGross,
            Integer participants,
            String basis) {
    }
}

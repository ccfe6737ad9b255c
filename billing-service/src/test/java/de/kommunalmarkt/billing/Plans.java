package de.kommunalmarkt.billing;

import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.Tier;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Plan terms as a licence freezes them, one of each model; every plan gets a fresh id. */
public final class Plans {

    public static final BigDecimal VAT_19 = new BigDecimal("0.19");
    public static final String EXEMPT_2B = "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)";

    private Plans() {
    }

    public static PlanTerms free(String setupFee) {
        return plan("Free", PriceModel.FREE, null, null, null, null, null, null, null, null, eur(setupFee), VAT_19, "S", null);
    }

    public static PlanTerms flat(String monthlyFee) {
        return plan("Flat", PriceModel.FLAT, eur(monthlyFee), null, null, null, null, null, null, null, BigDecimal.ZERO,
                VAT_19, "S", null);
    }

    public static PlanTerms perInhabitant(String ratePer1000, String min, String max) {
        return plan("Per inhabitant", PriceModel.PER_INHABITANT, null, eur(ratePer1000), eur(min), eur(max), null, null,
                null, null, BigDecimal.ZERO, VAT_19, "S", null);
    }

    public static PlanTerms tiered(List<Tier> tiers) {
        return plan("Tiered", PriceModel.TIERED, null, null, null, null, tiers, null, null, null, BigDecimal.ZERO, VAT_19,
                "S", null);
    }

    public static PlanTerms costSharing(String pool, CostSharingKey key, String inhabitantWeight) {
        return plan("Umlage " + key, PriceModel.COST_SHARING, null, null, null, null, null, eur(pool), key,
                eur(inhabitantWeight), BigDecimal.ZERO, VAT_19, "S", null);
    }

    /** The same terms under another VAT treatment, e.g. exempt inter-municipal cooperation. */
    public static PlanTerms withVat(PlanTerms p, String rate, String category, String exemptionReason) {
        return new PlanTerms(p.planId(), p.name() + " " + category, p.model(), p.monthlyFee(), p.ratePer1000(),
                p.minMonthly(), p.maxMonthly(), p.tiers(), p.monthlyPool(), p.costSharingKey(), p.inhabitantWeight(),
                p.setupFee(), p.minimumTermMonths(), p.noticePeriodDays(), new BigDecimal(rate), category,
                exemptionReason, p.currency());
    }

    public static PlanTerms withSetupFee(PlanTerms p, String setupFee) {
        return new PlanTerms(p.planId(), p.name(), p.model(), p.monthlyFee(), p.ratePer1000(), p.minMonthly(),
                p.maxMonthly(), p.tiers(), p.monthlyPool(), p.costSharingKey(), p.inhabitantWeight(), eur(setupFee),
                p.minimumTermMonths(), p.noticePeriodDays(), p.vatRate(), p.vatCategory(), p.vatExemptionReason(),
                p.currency());
    }

    private static PlanTerms plan(String name, PriceModel model, BigDecimal monthlyFee, BigDecimal ratePer1000,
            BigDecimal min, BigDecimal max, List<Tier> tiers, BigDecimal pool, CostSharingKey key, BigDecimal weight,
            BigDecimal setupFee, BigDecimal vatRate, String vatCategory, String exemptionReason) {
        return new PlanTerms(UUID.randomUUID().toString(), name, model, monthlyFee, ratePer1000, min, max, tiers, pool, key,
                weight, setupFee, 0, 0, vatRate, vatCategory, exemptionReason, "EUR");
    }

    private static BigDecimal eur(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }
}

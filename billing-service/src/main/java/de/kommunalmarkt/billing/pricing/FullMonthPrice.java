package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a municipality pays for a plan in a full month, as its invoice would bill it: the usage line
 * {@link InvoiceCalculator} bills for a licence active the whole period (no setup fee) and that line's VAT as
 * {@link InvoiceDraft} computes it, round(rate × net). For cost sharing the line is the municipality's share if it
 * joined the plan's participants ({@link BreakEven#shareJoining}, {@link CostSharingAllocation}), and
 * {@code participants} how many would share the pool, itself included (null for every other model).
 */
public record FullMonthPrice(BigDecimal net, BigDecimal vatRate, BigDecimal vat, BigDecimal gross, Integer participants) {

    /** The inhabitants a price that does not depend on them ({@link PriceTerms#dependsOnInhabitants}) is computed for. */
    static final long ANY_SIZE = 1;

    private static final String LICENSE_ID = "full-month";

    public FullMonthPrice {
        net = Money.requireCents("net", net);
        Money.requireNonNegative("vatRate", vatRate);
        vat = Money.requireCents("vat", vat);
        gross = Money.requireCents("gross", gross);
    }

    /** A plan with its own full-month amount (every model but cost sharing), for a municipality of {@code inhabitants}. */
    public static FullMonthPrice of(ContractTerms terms, long inhabitants, BillingPeriod period) {
        Objects.requireNonNull(terms, "terms are required");
        if (terms.price() instanceof PriceTerms.CostSharing) {
            throw new IllegalArgumentException("a cost-sharing price is a share among the participants: see joining");
        }
        return priced(BillableLicense.priced(LICENSE_ID, terms, inhabitants, activeAllMonth(period)), period, null);
    }

    /**
     * A plan whose price does not depend on the inhabitants (FREE, FLAT, cost sharing split equally), for a
     * municipality of a size billing does not know; {@code participants} (cost sharing only, else ignored) as for
     * {@link #joining}, with any {@code joiningAgs}.
     */
    public static FullMonthPrice ofAnySize(ContractTerms terms, String joiningAgs, List<BreakEven.Adopter> participants,
            BillingPeriod period) {
        Objects.requireNonNull(terms, "terms are required");
        if (terms.price().dependsOnInhabitants()) {
            throw new IllegalArgumentException("the price of a " + terms.price().model() + " plan depends on the inhabitants");
        }
        if (terms.price() instanceof PriceTerms.CostSharing) {
            return joining(terms, new BreakEven.Adopter(joiningAgs, ANY_SIZE), participants, period);
        }
        return of(terms, ANY_SIZE, period);
    }

    /**
     * A cost-sharing plan: the share of {@code joining} if it joined {@code participants} — the municipalities sharing
     * the pool now, {@code joining} itself left out — each a full month of {@code period}.
     */
    public static FullMonthPrice joining(ContractTerms terms, BreakEven.Adopter joining, List<BreakEven.Adopter> participants,
            BillingPeriod period) {
        Objects.requireNonNull(terms, "terms are required");
        if (!(terms.price() instanceof PriceTerms.CostSharing pool)) {
            throw new IllegalArgumentException("a " + terms.price().model() + " plan has a price of its own: see of");
        }
        BigDecimal share = BreakEven.shareJoining(pool, joining, participants, period);
        return priced(BillableLicense.costSharing(LICENSE_ID, terms, joining.inhabitants(), activeAllMonth(period), share),
                period, participants.size() + 1);
    }

    private static FullMonthPrice priced(BillableLicense license, BillingPeriod period, Integer participants) {
        DraftLine usage = new InvoiceCalculator().lines(period, license).get(LineKind.USAGE);
        InvoiceDraft draft = InvoiceDraft.of(List.of(usage));
        return new FullMonthPrice(draft.net(), usage.vatRate(), draft.vat(), draft.gross(), participants);
    }

    /** Active since before the period and not ended: every day of it billable, and no setup fee in it. */
    private static LicenseTimeline activeAllMonth(BillingPeriod period) {
        return LicenseTimeline.activeFrom(Objects.requireNonNull(period, "period is required").firstDay().minusMonths(1));
    }
}

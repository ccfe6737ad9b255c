package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Break-even of a provider's solution (README, "Break-even"; docs/DOMAIN.md, "Scaling rounds and break-even"), as
 * plain arithmetic on amounts in cents: cumulative(m) = −investment + m × (revenue − monthlyCost), the months until it
 * turns non-negative, the 36-month curve, a licence's full-month revenue by billing's own pricing, and the monthly
 * price an adopter pays under a cost-sharing plan as the adopters grow (billing's {@link CostSharingAllocation}).
 */
public final class BreakEven {

    /** The months of the curve. */
    public static final int MONTHS = 36;

    /** The AGS the cost-sharing curve gives the adopter asked about: it sorts after every real AGS (ties: last for a cent). */
    public static final String ADOPTER_AGS = "16999999";

    /** The first AGS of the hypothetical further adopters (16999001, 16999002, …): after every real AGS, before the adopter. */
    static final int HYPOTHETICAL_AGS_BASE = 16_999_000;

    /** The licence id of the joining adopter among the candidates of {@link #shareJoining}. */
    private static final String JOINING = "joining";

    /** One month of the curve: the cumulative cash with the revenue now and with the pipeline. */
    public record Point(int month, BigDecimal cumulativeNow, BigDecimal cumulativeWithPipeline) {
    }

    /** The figures of a break-even: inputs, the months to break even (null: never) and the curve. */
    public record Result(BigDecimal investment, BigDecimal monthlyCost, BigDecimal revenueNow,
            BigDecimal revenueWithPipeline, Long monthsToBreakEvenNow, Long monthsToBreakEvenWithPipeline,
            List<Point> curve) {
    }

    /** An active adopter of a cost-sharing plan: its AGS and inhabitants. */
    public record Adopter(String ags, long inhabitants) {

        public Adopter {
            Ags.require("ags", ags);
            if (inhabitants <= 0) {
                throw new IllegalArgumentException("inhabitants must be positive, got " + inhabitants);
            }
        }
    }

    private BreakEven() {
    }

    /** Every figure of a break-even from the four amounts (each ≥ 0, whole cents). */
    public static Result of(BigDecimal investment, BigDecimal monthlyCost, BigDecimal revenueNow,
            BigDecimal revenueWithPipeline) {
        investment = Money.requireCents("investment", investment);
        monthlyCost = Money.requireCents("monthlyCost", monthlyCost);
        revenueNow = Money.requireCents("revenueNow", revenueNow);
        revenueWithPipeline = Money.requireCents("revenueWithPipeline", revenueWithPipeline);
        List<Point> curve = new ArrayList<>(MONTHS);
        for (int month = 1; month <= MONTHS; month++) {
            curve.add(new Point(month, cumulative(investment, monthlyCost, revenueNow, month),
                    cumulative(investment, monthlyCost, revenueWithPipeline, month)));
        }
        return new Result(investment, monthlyCost, revenueNow, revenueWithPipeline,
                monthsToBreakEven(investment, monthlyCost, revenueNow),
                monthsToBreakEven(investment, monthlyCost, revenueWithPipeline), curve);
    }

    /** −investment + month × (revenue − monthlyCost): exact, in cents. */
    public static BigDecimal cumulative(BigDecimal investment, BigDecimal monthlyCost, BigDecimal revenue, int month) {
        return Money.roundToCent(revenue.subtract(monthlyCost).multiply(BigDecimal.valueOf(month)).subtract(investment));
    }

    /**
     * The smallest m ≥ 0 with cumulative(m) ≥ 0: 0 without investment, ceil(investment / (revenue − monthlyCost))
     * while revenue exceeds the cost (it may lie beyond the curve's 36 months), null when it never comes.
     */
    public static Long monthsToBreakEven(BigDecimal investment, BigDecimal monthlyCost, BigDecimal revenue) {
        if (investment.signum() == 0) {
            return 0L;
        }
        BigDecimal monthly = revenue.subtract(monthlyCost);
        if (monthly.signum() <= 0) {
            return null;
        }
        return investment.divide(monthly, 0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * What a licence of a plan with its own full-month amount (every model but cost sharing) earns in a full month,
     * for a municipality of {@code inhabitants}: the usage line {@link InvoiceCalculator} bills for a licence active
     * the whole {@code period} (no setup fee; {@link FullMonthPrice#of}).
     */
    public static BigDecimal fullMonth(ContractTerms terms, long inhabitants, BillingPeriod period) {
        if (terms.price() instanceof PriceTerms.CostSharing) {
            throw new IllegalArgumentException("a cost-sharing plan earns its pool once, not per licence");
        }
        return FullMonthPrice.of(terms, inhabitants, period).net();
    }

    /**
     * The monthly share of an adopter of {@code inhabitants} in the plan's pool for n = 1..{@code upTo} participants:
     * the adopter (AGS {@link #ADOPTER_AGS}) with the first n − 1 of {@code active} (in the order given: activation),
     * then hypothetical further adopters of the adopter's size (AGS 16999001, 16999002, …), each a full month of
     * {@code period}, split by {@link CostSharingAllocation} (largest remainder).
     */
    public static List<BigDecimal> costSharingPrices(PriceTerms.CostSharing terms, long inhabitants, List<Adopter> active,
            int upTo, BillingPeriod period) {
        Objects.requireNonNull(terms, "terms are required");
        Objects.requireNonNull(period, "period is required");
        if (inhabitants <= 0) {
            throw new IllegalArgumentException("inhabitants must be positive, got " + inhabitants);
        }
        Adopter adopter = new Adopter(ADOPTER_AGS, inhabitants);
        List<BigDecimal> prices = new ArrayList<>(upTo);
        for (int n = 1; n <= upTo; n++) {
            List<Adopter> others = new ArrayList<>(n - 1);
            for (int other = 1; other < n; other++) {
                if (other <= active.size()) {
                    others.add(active.get(other - 1));
                } else {
                    int hypothetical = other - active.size();
                    others.add(new Adopter(String.valueOf(HYPOTHETICAL_AGS_BASE + hypothetical), inhabitants));
                }
            }
            prices.add(shareJoining(terms, adopter, others, period));
        }
        return prices;
    }

    /**
     * The monthly share of {@code joining} in the plan's pool if it joined {@code participants} (in the order given),
     * each of them a full month of {@code period}: billing's {@link CostSharingAllocation} (largest remainder, ties to
     * the lower AGS) over the n = participants + 1 of them. A municipality among the participants already is not
     * {@code joining} them: leave it out of {@code participants}.
     */
    public static BigDecimal shareJoining(PriceTerms.CostSharing terms, Adopter joining, List<Adopter> participants,
            BillingPeriod period) {
        Objects.requireNonNull(terms, "terms are required");
        Objects.requireNonNull(joining, "the joining adopter is required");
        Objects.requireNonNull(period, "period is required");
        BillableDays fullMonth = new BillableDays(period.days(), period.days());
        List<CostSharingAllocation.Candidate> candidates = new ArrayList<>(participants.size() + 1);
        candidates.add(new CostSharingAllocation.Candidate(JOINING, joining.ags(), joining.inhabitants(), fullMonth));
        for (int i = 0; i < participants.size(); i++) {
            Adopter participant = participants.get(i);
            candidates.add(new CostSharingAllocation.Candidate("participant-" + (i + 1), participant.ags(),
                    participant.inhabitants(), fullMonth));
        }
        return CostSharingAllocation.allocate(terms, period, candidates).shareOf(JOINING);
    }

    /** An amount ≥ 0 in whole cents, with scale 2: billing's check of every EUR amount, for what break-even is given. */
    public static BigDecimal cents(String name, BigDecimal amount) {
        return Money.requireCents(name, amount);
    }
}

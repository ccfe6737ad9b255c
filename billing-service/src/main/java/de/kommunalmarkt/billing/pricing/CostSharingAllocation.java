package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The split of one cost-sharing plan's pool for one period (docs/DOMAIN.md, section "Cost sharing").
 *
 * <p>Participants are the licences with at least one billable day; n and Σ inhabitants count only
 * them. Exact share_i = pool × base_i × days_i / D. The shares are rounded by the largest-remainder
 * method: the total is round(Σ exact) HALF_UP to the cent, every share is first cut down to the cent,
 * and the missing cents go one each to the largest remainders, ties to the lower AGS. So the shares
 * always add up to the total.
 *
 * <p>All exact shares are kept as fractions over one common denominator in {@link BigInteger}, so
 * remainders compare exactly (a tie is a true tie) whatever the number of participants;
 * O(n log n) for the sort of the remainders.
 */
public final class CostSharingAllocation {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /** A licence of the plan, with the inhabitants and billable days the run fixed for it. */
    public record Candidate(String licenseId, String ags, long inhabitants, BillableDays billableDays) {

        public Candidate {
            Objects.requireNonNull(licenseId, "licenseId is required");
            Ags.require("ags", ags);
            if (inhabitants <= 0) {
                throw new IllegalArgumentException("inhabitants must be positive, got " + inhabitants + " for " + ags);
            }
            Objects.requireNonNull(billableDays, "billableDays is required");
        }
    }

    /** A participant's rounded share. */
    public record Share(String licenseId, String ags, BillableDays billableDays, BigDecimal amount) {
    }

    private final PriceTerms.CostSharing terms;
    private final BillingPeriod period;
    private final BigDecimal total;
    private final Map<String, Share> sharesByLicense;
    private final Set<String> candidateIds;

    private CostSharingAllocation(PriceTerms.CostSharing terms, BillingPeriod period, BigDecimal total,
            Map<String, Share> sharesByLicense, Set<String> candidateIds) {
        this.terms = terms;
        this.period = period;
        this.total = total;
        this.sharesByLicense = sharesByLicense;
        this.candidateIds = candidateIds;
    }

    public static CostSharingAllocation allocate(PriceTerms.CostSharing terms, BillingPeriod period,
            List<Candidate> candidates) {
        Objects.requireNonNull(terms, "terms are required");
        Objects.requireNonNull(period, "period is required");
        List<Candidate> participants = participants(period, candidates);
        Set<String> candidateIds = candidates.stream().map(Candidate::licenseId).collect(Collectors.toUnmodifiableSet());
        if (participants.isEmpty()) {
            return new CostSharingAllocation(terms, period, Money.zero(), Map.of(), candidateIds);
        }

        // exact_i = pool × (w × inh_i / S + (1 − w) / n) × d_i / D
        //         = poolUnscaled × d_i × (wUnscaled × inh_i × n + (W − wUnscaled) × S) / (10^poolScale × W × S × n × D)
        // with w = wUnscaled / W. Shares are counted in cents: numerator × 100 / denominator.
        BigDecimal weight = terms.effectiveInhabitantWeight();
        if (weight.scale() < 0) {
            weight = weight.setScale(0);
        }
        BigInteger weightUnscaled = weight.unscaledValue();
        BigInteger weightUnit = BigInteger.TEN.pow(weight.scale());
        BigDecimal pool = terms.monthlyPool();
        BigInteger n = BigInteger.valueOf(participants.size());
        BigInteger inhabitantSum = participants.stream()
                .map(p -> BigInteger.valueOf(p.inhabitants()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger equalPart = weightUnit.subtract(weightUnscaled).multiply(inhabitantSum);
        BigInteger weightTimesN = weightUnscaled.multiply(n);
        BigInteger denominator = BigInteger.TEN.pow(pool.scale())
                .multiply(weightUnit)
                .multiply(inhabitantSum)
                .multiply(n)
                .multiply(BigInteger.valueOf(period.days()));

        List<ExactShare> exact = new ArrayList<>(participants.size());
        long floorCents = 0;
        BigInteger remainderSum = BigInteger.ZERO;
        for (Candidate participant : participants) {
            BigInteger numerator = pool.unscaledValue()
                    .multiply(BigInteger.valueOf(participant.billableDays().days()))
                    .multiply(weightTimesN.multiply(BigInteger.valueOf(participant.inhabitants())).add(equalPart))
                    .multiply(HUNDRED);
            BigInteger[] cents = numerator.divideAndRemainder(denominator);
            exact.add(new ExactShare(participant, cents[0].longValueExact(), cents[1]));
            floorCents += cents[0].longValueExact();
            remainderSum = remainderSum.add(cents[1]);
        }

        BigInteger[] remainderCents = remainderSum.divideAndRemainder(denominator);
        long missingCents = remainderCents[0].longValueExact()
                + (remainderCents[1].shiftLeft(1).compareTo(denominator) >= 0 ? 1 : 0);

        Set<String> gettingACent = new HashSet<>();
        exact.stream()
                .sorted(Comparator.comparing(ExactShare::remainder).reversed()
                        .thenComparing(share -> share.participant().ags())
                        .thenComparing(share -> share.participant().licenseId()))
                .limit(missingCents)
                .forEach(share -> gettingACent.add(share.participant().licenseId()));

        Map<String, Share> shares = new LinkedHashMap<>();
        for (ExactShare share : exact) {
            Candidate participant = share.participant();
            long cents = share.floorCents() + (gettingACent.contains(participant.licenseId()) ? 1 : 0);
            shares.put(participant.licenseId(), new Share(participant.licenseId(), participant.ags(),
                    participant.billableDays(), BigDecimal.valueOf(cents, Money.CENT_SCALE)));
        }
        BigDecimal total = BigDecimal.valueOf(floorCents + missingCents, Money.CENT_SCALE);
        return new CostSharingAllocation(terms, period, total, shares, candidateIds);
    }

    private static List<Candidate> participants(BillingPeriod period, List<Candidate> candidates) {
        Objects.requireNonNull(candidates, "candidates are required");
        Set<String> licenseIds = new HashSet<>();
        List<Candidate> participants = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!licenseIds.add(candidate.licenseId())) {
                throw new IllegalArgumentException("licence " + candidate.licenseId() + " is a candidate twice");
            }
            if (candidate.billableDays().periodDays() != period.days()) {
                throw new IllegalArgumentException("billable days of licence " + candidate.licenseId()
                        + " are out of " + candidate.billableDays().periodDays() + " days, but " + period
                        + " has " + period.days());
            }
            if (!candidate.billableDays().isZero()) {
                participants.add(candidate);
            }
        }
        return participants;
    }

    private record ExactShare(Candidate participant, long floorCents, BigInteger remainder) {
    }

    public PriceTerms.CostSharing terms() {
        return terms;
    }

    public BillingPeriod period() {
        return period;
    }

    /** round(Σ exact shares) HALF_UP to the cent; always the sum of {@link #shares()}. */
    public BigDecimal total() {
        return total;
    }

    /** n: the licences with at least one billable day. */
    public int participantCount() {
        return sharesByLicense.size();
    }

    /** The participants' shares, in the order of the candidates. */
    public List<Share> shares() {
        return List.copyOf(sharesByLicense.values());
    }

    /** The rounded share of a candidate licence; zero for one without billable days (it does not participate). */
    public BigDecimal shareOf(String licenseId) {
        if (!candidateIds.contains(licenseId)) {
            throw new IllegalArgumentException("licence " + licenseId + " is not a candidate of this allocation");
        }
        Share share = sharesByLicense.get(licenseId);
        return share == null ? Money.zero() : share.amount();
    }
}

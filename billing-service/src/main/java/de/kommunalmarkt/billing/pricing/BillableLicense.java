package de.kommunalmarkt.billing.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One licence of an adopter as a billing run fixed it: its contract terms, when it was billable, the
 * inhabitants billing knew at the start of the run and, for a cost-sharing plan, the participant's
 * rounded share from {@link CostSharingAllocation} (null for every other model).
 */
public record BillableLicense(
        String licenseId,
        ContractTerms terms,
        long inhabitants,
        LicenseTimeline timeline,
        BigDecimal costShare) {

    public BillableLicense {
        Objects.requireNonNull(licenseId, "licenseId is required");
        Objects.requireNonNull(terms, "terms are required");
        Objects.requireNonNull(timeline, "timeline is required");
        if (inhabitants <= 0) {
            throw new IllegalArgumentException("inhabitants must be positive, got " + inhabitants);
        }
        boolean costSharing = terms.price() instanceof PriceTerms.CostSharing;
        if (costSharing && costShare == null) {
            throw new IllegalArgumentException("cost-sharing licence " + licenseId + " needs its allocated share");
        }
        if (!costSharing && costShare != null) {
            throw new IllegalArgumentException("licence " + licenseId + " is not cost sharing but has a share");
        }
        if (costShare != null) {
            costShare = Money.requireCents("costShare", costShare);
        }
    }

    /** A licence whose plan has a full-month amount of its own (every model but cost sharing). */
    public static BillableLicense priced(String licenseId, ContractTerms terms, long inhabitants,
            LicenseTimeline timeline) {
        return new BillableLicense(licenseId, terms, inhabitants, timeline, null);
    }

    /** A cost-sharing licence with its share of the plan's pool for the period. */
    public static BillableLicense costSharing(String licenseId, ContractTerms terms, long inhabitants,
            LicenseTimeline timeline, BigDecimal share) {
        return new BillableLicense(licenseId, terms, inhabitants, timeline, share);
    }
}

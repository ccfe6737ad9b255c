package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The price model of a plan with its parameters, as frozen into a licence on grant. Every model but
 * cost sharing has a full-month amount M of its own; a cost-sharing share depends on all
 * participants of the plan and is computed by {@link CostSharingAllocation}.
 */
public sealed interface PriceTerms {

    PriceModel model();

    /**
     * Whether the price depends on the municipality's inhabitants: false for FREE and FLAT and for cost sharing split
     * equally (an inhabitant weight of 0), whose price is the same for a municipality of any size.
     */
    boolean dependsOnInhabitants();

    /** A model whose line is its full-month amount M, pro rata by billable days. */
    sealed interface ProRataPrice extends PriceTerms {

        /** M for a municipality of that many inhabitants; exact, not rounded (the line rounds). */
        BigDecimal fullMonthAmount(long inhabitants);
    }

    record Free() implements ProRataPrice {

        @Override
        public PriceModel model() {
            return PriceModel.FREE;
        }

        @Override
        public boolean dependsOnInhabitants() {
            return false;
        }

        @Override
        public BigDecimal fullMonthAmount(long inhabitants) {
            return BigDecimal.ZERO;
        }
    }

    record Flat(BigDecimal monthlyFee) implements ProRataPrice {

        public Flat {
            monthlyFee = Money.requireCents("monthlyFee", monthlyFee);
        }

        @Override
        public PriceModel model() {
            return PriceModel.FLAT;
        }

        @Override
        public boolean dependsOnInhabitants() {
            return false;
        }

        @Override
        public BigDecimal fullMonthAmount(long inhabitants) {
            return monthlyFee;
        }
    }

    /** {@code ratePer1000 × inhabitants / 1000}, clamped to [minMonthly, maxMonthly]; both bounds optional (null). */
    record PerInhabitant(BigDecimal ratePer1000, BigDecimal minMonthly, BigDecimal maxMonthly)
            implements ProRataPrice {

        public PerInhabitant {
            Money.requireNonNegative("ratePer1000", ratePer1000);
            minMonthly = minMonthly == null ? null : Money.requireCents("minMonthly", minMonthly);
            maxMonthly = maxMonthly == null ? null : Money.requireCents("maxMonthly", maxMonthly);
            if (minMonthly != null && maxMonthly != null && minMonthly.compareTo(maxMonthly) > 0) {
                throw new IllegalArgumentException(
                        "minMonthly " + minMonthly + " must not exceed maxMonthly " + maxMonthly);
            }
        }

        @Override
        public PriceModel model() {
            return PriceModel.PER_INHABITANT;
        }

        @Override
        public boolean dependsOnInhabitants() {
            return true;
        }

        @Override
        public BigDecimal fullMonthAmount(long inhabitants) {
            BigDecimal amount = ratePer1000.multiply(BigDecimal.valueOf(inhabitants)).movePointLeft(3);
            if (minMonthly != null && amount.compareTo(minMonthly) < 0) {
                return minMonthly;
            }
            if (maxMonthly != null && amount.compareTo(maxMonthly) > 0) {
                return maxMonthly;
            }
            return amount;
        }
    }

    /** Tiers ascending by {@code upTo}; the last one has no {@code upTo} and takes everyone above. */
    record Tiered(List<Tier> tiers) implements ProRataPrice {

        /** Applies to municipalities with fewer than {@code upTo} inhabitants (exclusive); null = open. */
        public record Tier(Long upTo, BigDecimal monthlyFee) {

            public Tier {
                if (upTo != null && upTo <= 0) {
                    throw new IllegalArgumentException("tier upTo must be positive, got " + upTo);
                }
                monthlyFee = Money.requireCents("tier monthlyFee", monthlyFee);
            }
        }

        public Tiered {
            tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers are required"));
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("a tiered plan needs at least one tier");
            }
            for (int i = 0; i < tiers.size() - 1; i++) {
                Long upTo = tiers.get(i).upTo();
                if (upTo == null) {
                    throw new IllegalArgumentException("only the last tier may be open, tier " + (i + 1) + " has no upTo");
                }
                Long nextUpTo = tiers.get(i + 1).upTo();
                if (nextUpTo != null && nextUpTo <= upTo) {
                    throw new IllegalArgumentException("tiers must ascend by upTo, got " + upTo + " before " + nextUpTo);
                }
            }
            if (tiers.get(tiers.size() - 1).upTo() != null) {
                throw new IllegalArgumentException("the last tier must be open (no upTo)");
            }
        }

        @Override
        public PriceModel model() {
            return PriceModel.TIERED;
        }

        @Override
        public boolean dependsOnInhabitants() {
            return true;
        }

        @Override
        public BigDecimal fullMonthAmount(long inhabitants) {
            return tierFor(inhabitants).monthlyFee();
        }

        /** The tier of a municipality of that many inhabitants: the first with inhabitants < {@code upTo}, else the open one. */
        public Tier tierFor(long inhabitants) {
            return tiers.stream()
                    .filter(tier -> tier.upTo() == null || inhabitants < tier.upTo())
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * Kostenumlage: the provider's monthly cost {@code monthlyPool}, split by {@code key}.
     * {@code inhabitantWeight} w ∈ [0, 1] belongs to {@link CostSharingKey#MIXED} only and is null for
     * the other keys.
     */
    record CostSharing(BigDecimal monthlyPool, CostSharingKey key, BigDecimal inhabitantWeight)
            implements PriceTerms {

        public CostSharing {
            monthlyPool = Money.requireCents("monthlyPool", monthlyPool);
            Objects.requireNonNull(key, "cost-sharing key is required");
            if (key == CostSharingKey.MIXED) {
                Objects.requireNonNull(inhabitantWeight, "a MIXED key needs an inhabitantWeight");
                if (inhabitantWeight.signum() < 0 || inhabitantWeight.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("inhabitantWeight must be in [0, 1], got " + inhabitantWeight);
                }
            } else if (inhabitantWeight != null) {
                throw new IllegalArgumentException("inhabitantWeight belongs to the MIXED key only, not to " + key);
            }
        }

        public static CostSharing byInhabitants(BigDecimal monthlyPool) {
            return new CostSharing(monthlyPool, CostSharingKey.INHABITANTS, null);
        }

        public static CostSharing equally(BigDecimal monthlyPool) {
            return new CostSharing(monthlyPool, CostSharingKey.EQUAL, null);
        }

        public static CostSharing mixed(BigDecimal monthlyPool, BigDecimal inhabitantWeight) {
            return new CostSharing(monthlyPool, CostSharingKey.MIXED, inhabitantWeight);
        }

        @Override
        public PriceModel model() {
            return PriceModel.COST_SHARING;
        }

        @Override
        public boolean dependsOnInhabitants() {
            return effectiveInhabitantWeight().signum() != 0;
        }

        /** The weight of the inhabitant part: 1 for INHABITANTS, 0 for EQUAL, w for MIXED. */
        BigDecimal effectiveInhabitantWeight() {
            return switch (key) {
                case INHABITANTS -> BigDecimal.ONE;
                case EQUAL -> BigDecimal.ZERO;
                case MIXED -> inhabitantWeight;
            };
        }
    }
}

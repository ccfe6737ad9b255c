package de.kommunalmarkt.events;

/** How a plan prices a full month; each model uses its own fields of {@link PlanTerms}. */
public enum PriceModel {
    FREE,
    /** {@code monthlyFee}. */
    FLAT,
    /** {@code ratePer1000}, optional {@code minMonthly} and {@code maxMonthly}. */
    PER_INHABITANT,
    /** {@code tiers}. */
    TIERED,
    /** Kostenumlage: {@code monthlyPool}, {@code costSharingKey}, for MIXED {@code inhabitantWeight}. */
    COST_SHARING
}

package de.kommunalmarkt.billing.pricing;

/** The price models of a plan (DOMAIN.md, "Plans"). */
public enum PriceModel {
    FREE,
    FLAT,
    PER_INHABITANT,
    TIERED,
    COST_SHARING
}

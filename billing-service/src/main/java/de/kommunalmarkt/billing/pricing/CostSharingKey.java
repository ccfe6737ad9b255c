package de.kommunalmarkt.billing.pricing;

/** How a cost-sharing pool is split among the participating municipalities. */
public enum CostSharingKey {
    /** By inhabitants: inhabitants_i / Σ inhabitants. */
    INHABITANTS,
    /** Equally: 1 / n. */
    EQUAL,
    /** w × inhabitants_i / Σ inhabitants + (1 − w) / n, with the plan's inhabitant weight w. */
    MIXED
}

package de.kommunalmarkt.events;

/** How a cost-sharing pool is split among the participating municipalities. */
public enum CostSharingKey {
    /** By share of inhabitants. */
    INHABITANTS,
    /** One equal share per participant. */
    EQUAL,
    /** {@code inhabitantWeight} by inhabitants, the rest equally. */
    MIXED
}

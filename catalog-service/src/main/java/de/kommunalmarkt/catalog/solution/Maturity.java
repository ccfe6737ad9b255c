package de.kommunalmarkt.catalog.solution;

/** How far a solution has come, in ascending order; the gate asks for at least {@link #PILOT}. */
public enum Maturity {
    PROTOTYPE,
    PILOT,
    PRODUCTION,
    SCALED;

    public boolean atLeast(Maturity other) {
        return compareTo(other) >= 0;
    }
}

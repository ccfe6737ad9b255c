package de.kommunalmarkt.catalog.round;

/** A scaling round takes pledges while OPEN; it closes SUCCEEDED or FAILED ({@link RoundRules#outcome}). */
public enum RoundState {
    OPEN,
    SUCCEEDED,
    FAILED
}

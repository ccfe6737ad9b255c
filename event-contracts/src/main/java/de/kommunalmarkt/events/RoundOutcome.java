package de.kommunalmarkt.events;

/**
 * How a scaling round ended: SUCCEEDED when the contributions reach the target and at least the
 * minimum number of municipalities pledged, FAILED otherwise (docs/DOMAIN.md, "Scaling rounds").
 */
public enum RoundOutcome {
    SUCCEEDED,
    FAILED
}

package de.kommunalmarkt.events;

/** Lifecycle of a solution in the catalog: {@code DRAFT → PUBLISHED → DEPRECATED}. */
public enum SolutionState {
    DRAFT,
    PUBLISHED,
    /** No new licences; existing ones go on. */
    DEPRECATED
}

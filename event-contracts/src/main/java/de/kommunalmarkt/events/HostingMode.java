package de.kommunalmarkt.events;

/** Where a solution can run. */
public enum HostingMode {
    ON_PREMISES,
    CLOUD,
    SAAS
}

package de.kommunalmarkt.events;

/** Whether a licence request for a solution is granted at once or waits for the provider. */
public enum ApprovalPolicy {
    AUTO,
    MANUAL
}

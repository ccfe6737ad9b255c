package de.kommunalmarkt.events;

import java.time.Instant;

/** An adopting municipality asked for a licence of a solution's plan, run by an operator (topic {@code licensing.licenses}, key: licence id). */
public record LicenseRequested(
        String licenseId,
        String solutionId,
        String planId,
        String operatorId,
        String adopterAgs,
        String providerAgs,
        Instant requestedAt) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

package de.kommunalmarkt.events;

import java.time.Instant;

/**
 * The adopter cancelled a granted licence before its activation; it was never active, so nothing is
 * billed (topic {@code licensing.licenses}, key: licence id). An addition to ARCHITECTURE.md's table.
 */
public record LicenseCancelled(
        String licenseId,
        String solutionId,
        String adopterAgs,
        String providerAgs,
        Instant cancelledAt) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

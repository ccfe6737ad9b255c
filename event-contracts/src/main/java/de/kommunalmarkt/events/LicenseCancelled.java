package de.kommunalmarkt.events;

import java.time.Instant;

/**
 * The adopter cancelled a granted licence before its activation; it was never active, so nothing is
 * billed (topic {@code licensing.licenses}, key: licence id). Added within version 1
 * of the contract (1.1.0; module README, "Additions within version 1").
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

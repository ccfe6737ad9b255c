package de.kommunalmarkt.events;

import java.time.Instant;

/** The provider rejected a licence request (topic {@code licensing.licenses}, key: licence id). */
public record LicenseRejected(
        String licenseId,
        String solutionId,
        String adopterAgs,
        String providerAgs,
        String reason,
        Instant rejectedAt) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

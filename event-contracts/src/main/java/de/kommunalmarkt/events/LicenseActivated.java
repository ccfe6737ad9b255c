package de.kommunalmarkt.events;

import java.time.LocalDate;

/** A licence became active on the day its deployment went live; billing starts that day (topic {@code licensing.licenses}, key: licence id). */
public record LicenseActivated(
        String licenseId,
        String solutionId,
        String planId,
        String adopterAgs,
        String providerAgs,
        LocalDate activatedOn) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

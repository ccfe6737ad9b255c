package de.kommunalmarkt.events;

import java.time.LocalDate;

/** A licence was terminated: it stays active through {@code endsOn} inclusive, asked for on {@code requestedOn} (topic {@code licensing.licenses}, key: licence id). */
public record LicenseTerminated(
        String licenseId,
        String solutionId,
        String adopterAgs,
        String providerAgs,
        LocalDate endsOn,
        LocalDate requestedOn) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

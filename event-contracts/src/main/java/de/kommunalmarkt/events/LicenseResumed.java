package de.kommunalmarkt.events;

import java.time.LocalDate;

/** A suspended licence is active and billed again from {@code resumedOn} (topic {@code licensing.licenses}, key: licence id). */
public record LicenseResumed(String licenseId, String adopterAgs, LocalDate resumedOn) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

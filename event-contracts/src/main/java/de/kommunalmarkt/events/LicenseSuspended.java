package de.kommunalmarkt.events;

import java.time.LocalDate;

/** A licence is suspended and not billed from {@code suspendedOn} (topic {@code licensing.licenses}, key: licence id). */
public record LicenseSuspended(String licenseId, String adopterAgs, LocalDate suspendedOn) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

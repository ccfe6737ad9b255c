package de.kommunalmarkt.events;

import java.time.LocalDate;

/**
 * A licence has ended: {@code endedOn} (its {@code endsOn}, the last active day) has passed and the
 * licence is TERMINATED. The notice before it was {@link LicenseTerminated}; from this event on the
 * licence no longer counts as adopted (topic {@code licensing.licenses}, key: licence id). Added within
 * version 1 of the contract (1.2.0; module README, "Additions within version 1").
 */
public record LicenseEnded(
        String licenseId,
        String solutionId,
        String adopterAgs,
        String providerAgs,
        LocalDate endedOn) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

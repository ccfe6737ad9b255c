package de.kommunalmarkt.events;

import java.time.Instant;

/** A licence was granted with the plan's terms frozen as the contract (topic {@code licensing.licenses}, key: licence id). */
public record LicenseGranted(
        String licenseId,
        String solutionId,
        String solutionName,
        String planId,
        String operatorId,
        String adopterAgs,
        String providerAgs,
        PlanTerms terms,
        Instant grantedAt) implements DomainEvent {

    @Override
    public String key() {
        return licenseId;
    }
}

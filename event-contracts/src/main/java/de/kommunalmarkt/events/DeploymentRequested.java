package de.kommunalmarkt.events;

import java.time.Instant;
import java.util.List;

/** An operator is asked to deploy a licensed solution for the adopter (topic {@code licensing.deployments}, key: licence id, subject: deployment id). */
public record DeploymentRequested(
        String deploymentId,
        String licenseId,
        String solutionId,
        String solutionName,
        String adopterAgs,
        String operatorId,
        List<HostingMode> hostingModes,
        Instant requestedAt) implements DomainEvent {

    public DeploymentRequested {
        hostingModes = List.copyOf(hostingModes);
    }

    /** Keyed by licence so that all deployments of one licence stay in order. */
    @Override
    public String key() {
        return licenseId;
    }

    @Override
    public String subject() {
        return deploymentId;
    }
}

package de.kommunalmarkt.events;

import java.time.Instant;

/** The operator reports that a deployment failed; it may be requested again (topic {@code licensing.deployments}, key: licence id, subject: deployment id). */
public record DeploymentFailed(String deploymentId, String licenseId, String operatorId, String reason, Instant failedAt) implements DomainEvent {

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

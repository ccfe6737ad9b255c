package de.kommunalmarkt.events;

import java.time.Instant;

/** The operator accepted a deployment request and is working on it (topic {@code licensing.deployments}, key: licence id, subject: deployment id). */
public record DeploymentAccepted(String deploymentId, String licenseId, String operatorId, Instant acceptedAt) implements DomainEvent {

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

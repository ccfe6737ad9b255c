package de.kommunalmarkt.events;

import java.time.Instant;

/**
 * A deployment the operator was asked for is off because its licence was cancelled; the operator
 * stops work on it (topic {@code licensing.deployments}, key: licence id, subject: deployment id).
 * An addition to ARCHITECTURE.md's table.
 */
public record DeploymentCancelled(String deploymentId, String licenseId, String operatorId, Instant cancelledAt) implements DomainEvent {

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

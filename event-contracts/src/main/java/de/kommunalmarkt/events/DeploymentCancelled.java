package de.kommunalmarkt.events;

import java.time.Instant;

/**
 * A deployment the operator was asked for is off because its licence was cancelled; the operator
 * stops work on it (topic {@code licensing.deployments}, key: licence id, subject: deployment id).
 * Added within version 1 of the contract (1.1.0; module README, "Additions within version 1").
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

package de.kommunalmarkt.events;

import java.time.LocalDate;

/** The operator reports the deployment live from {@code liveOn}, the licence's activation date (topic {@code licensing.deployments}, key: licence id, subject: deployment id). */
public record DeploymentCompleted(String deploymentId, String licenseId, String operatorId, LocalDate liveOn) implements DomainEvent {

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

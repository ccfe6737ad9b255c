package de.kommunalmarkt.licensing.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One attempt of an operator to deploy a licensed solution for the adopter. */
@Entity
@Table(name = "deployment")
public class Deployment {

    @Id
    public UUID id;

    @Column(name = "license_id", nullable = false)
    public UUID licenseId;

    @Column(name = "operator_id", nullable = false)
    public String operatorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeploymentState state;

    /** Position in the operator's queue: released first-in first-out. */
    @Column(name = "queue_seq", nullable = false)
    public long queueSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the operator was asked (on creation, or when released from the queue). */
    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "live_on")
    public LocalDate liveOn;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Version
    public long version;

    public void apply(DeploymentAction action) {
        state = state.on(action);
    }
}

package de.kommunalmarkt.licensing.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One deployment event on its way to the operator's webhook, with the outcome of its attempts. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public enum State {
        /** Not delivered yet: waiting for its turn, its first attempt or a retry. */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** No attempt succeeded until 24 h after the first one. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "operator_id", nullable = false)
    public String operatorId;

    /** The event's number in the operator's stream: the order of delivery. */
    @Column(nullable = false)
    public long seq;

    /** The event's CloudEvents id, sent as {@code webhook-id}. */
    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "first_attempt_at")
    public Instant firstAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** The HTTP status of the last attempt; none when it got no answer. */
    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}

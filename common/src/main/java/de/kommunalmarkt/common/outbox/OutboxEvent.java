package de.kommunalmarkt.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * One event waiting to be published, written in the same transaction as the state change it
 * describes. {@code id} orders the rows: the relay publishes in that order, so per key too. An event
 * published to several topics has one row per topic, all with its one {@code eventId} ({@code ce_id}).
 */
@Entity
@Table(name = "outbox_event", uniqueConstraints = @UniqueConstraint(columnNames = {"event_id", "topic"}))
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String subject;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String payload;

    /** W3C traceparent of the trace that wrote the event ({@link de.kommunalmarkt.common.tracing.TraceParent}), or null. */
    public String traceparent;

    @Column(name = "sent_at")
    public Instant sentAt;
}

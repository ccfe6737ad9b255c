package de.kommunalmarkt.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.tracing.TraceParent;
import de.kommunalmarkt.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where services publish events: the event row is written in the caller's transaction (mandatory), so
 * it exists exactly when the state change it describes was committed. {@link OutboxRelay} sends it. The
 * row keeps the current trace ({@link TraceParent}), so the event's consumers continue it.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<OutboxWritten> written;

    public Outbox(EntityManager em, ObjectMapper json, Event<OutboxWritten> written) {
        this.em = em;
        this.json = json;
        this.written = written;
    }

    /** Records the event for publication to its topic; returns its CloudEvents id ({@code ce_id}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event) {
        return publish(event, List.of());
    }

    /**
     * Records the event for publication to its own topic and, as the same event (one {@code ce_id}, the
     * same headers, key and payload), to each of {@code alsoTo}; returns its CloudEvents id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event, List<String> alsoTo) {
        UUID eventId = UUID.randomUUID();
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload = EventPayload.of(json, event);
        String traceparent = TraceParent.current();
        Set<String> topics = new LinkedHashSet<>();
        topics.add(event.topic());
        topics.addAll(alsoTo);
        for (String topic : topics) {
            OutboxEvent row = new OutboxEvent();
            row.eventId = eventId;
            row.topic = topic;
            row.recordKey = event.key();
            row.eventType = event.type();
            row.subject = event.subject();
            row.occurredAt = occurredAt;
            row.payload = payload;
            row.traceparent = traceparent;
            em.persist(row);
        }
        written.fire(new OutboxWritten(eventId));
        return eventId;
    }

    /** Fired inside the writing transaction; the relay observes it after commit to publish at once. */
    public record OutboxWritten(UUID eventId) {
    }
}

package de.kommunalmarkt.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Where services publish events: the event row is written in the caller's transaction (mandatory), so
 * it exists exactly when the state change it describes was committed. {@link OutboxRelay} sends it.
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

    /** Records the event for publication; returns its CloudEvents id ({@code ce_id}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = event.topic();
        row.recordKey = event.key();
        row.eventType = event.type();
        row.subject = event.subject();
        row.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.payload = EventPayload.of(json, event);
        em.persist(row);
        written.fire(new OutboxWritten(row.eventId));
        return row.eventId;
    }

    /** Fired inside the writing transaction; the relay observes it after commit to publish at once. */
    public record OutboxWritten(UUID eventId) {
    }
}

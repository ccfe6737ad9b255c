package de.kommunalmarkt.licensing.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The webhook's outbox: a deployment event of an operator with a webhook becomes a PENDING delivery in the
 * transaction that writes the event, so it exists exactly when the event was committed and survives any
 * crash until the endpoint has taken it. {@link WebhookDispatcher} sends it.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private final EntityManager em;
    private final Event<Queued> queued;

    public WebhookDeliveries(EntityManager em, Event<Queued> queued) {
        this.em = em;
        this.queued = queued;
    }

    /** Queues the operator's event numbered {@code seq} for its webhook, if it has one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String operatorId, long seq, UUID eventId, String eventType) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int rows = em.createNativeQuery("""
                insert into webhook_delivery (operator_id, seq, event_id, event_type, state, attempts, created_at, next_attempt_at)
                select operator_id, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5 from operator_webhook where operator_id = ?1""")
                .setParameter(1, operatorId).setParameter(2, seq).setParameter(3, eventId).setParameter(4, eventType)
                .setParameter(5, now).executeUpdate();
        if (rows > 0) {
            queued.fire(new Queued(operatorId));
        }
    }

    /** Fired inside the writing transaction; the dispatcher observes it after commit to send at once. */
    public record Queued(String operatorId) {
    }
}

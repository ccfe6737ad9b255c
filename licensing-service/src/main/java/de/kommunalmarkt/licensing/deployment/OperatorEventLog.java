package de.kommunalmarkt.licensing.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.outbox.EventPayload;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.events.DomainEvent;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.webhook.WebhookDeliveries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Publishes a deployment event through the outbox, to {@code licensing.deployments} and as the same
 * event (one {@code ce_id}) to the operator's own topic {@code operators.<operatorId>.deployments}
 * (catalog's {@code OperatorTopics} creates it when the operator is registered), and, in the same transaction, appends it to the
 * assigned operator's stream with the next number of that operator's sequence. The number is taken
 * from {@code operator_stream} under a row lock held until commit, so numbers commit in order and a
 * reader that asks for "everything after n" never skips one (what makes SSE resumption gap-free).
 * The same transaction queues the event for the operator's webhook, if it has one, and announces it to
 * the streams of every instance (delivered at commit).
 */
@ApplicationScoped
public class OperatorEventLog {

    /** One event of an operator's stream. */
    public record StreamedEvent(long seq, String type, String payload) {
    }

    private final EntityManager em;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final WebhookDeliveries webhooks;
    private final OperatorEventListener listener;

    public OperatorEventLog(EntityManager em, Outbox outbox, ObjectMapper json, WebhookDeliveries webhooks,
            OperatorEventListener listener) {
        this.em = em;
        this.outbox = outbox;
        this.json = json;
        this.webhooks = webhooks;
        this.listener = listener;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String operatorId, UUID deploymentId, UUID licenseId, DomainEvent event) {
        UUID eventId = outbox.publish(event, List.of(Topics.operatorDeployments(operatorId)));
        long seq = ((Number) em.createNativeQuery("""
                insert into operator_stream (operator_id, last_seq) values (?1, 1)
                on conflict (operator_id) do update set last_seq = operator_stream.last_seq + 1
                returning last_seq""").setParameter(1, operatorId).getSingleResult()).longValue();
        String payload = EventPayload.of(json, event);
        em.createNativeQuery("""
                insert into operator_deployment_event
                    (operator_id, seq, event_id, event_type, deployment_id, license_id, payload, occurred_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, operatorId).setParameter(2, seq).setParameter(3, eventId)
                .setParameter(4, event.type()).setParameter(5, deploymentId).setParameter(6, licenseId)
                .setParameter(7, payload).setParameter(8, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        webhooks.enqueue(operatorId, seq, eventId, event.type());
        listener.announce(operatorId);
    }

    /** The number of the operator's last committed event, 0 if it has none. */
    public long lastSeq(String operatorId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select coalesce(max(last_seq), 0) from operator_stream where operator_id = ?1""")
                .setParameter(1, operatorId).getSingleResult()).longValue());
    }

    /** The operator's events numbered after {@code afterSeq}, in order, at most {@code limit}; its own transaction. */
    public List<StreamedEvent> after(String operatorId, long afterSeq, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select seq, event_type, payload from operator_deployment_event
                    where operator_id = ?1 and seq > ?2 order by seq limit ?3""")
                    .setParameter(1, operatorId).setParameter(2, afterSeq).setParameter(3, limit)
                    .getResultList();
            return rows.stream().map(r -> new StreamedEvent(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList();
        });
    }
}

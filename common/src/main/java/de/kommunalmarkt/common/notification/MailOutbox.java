package de.kommunalmarkt.common.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

/**
 * Where services queue e-mails: the mail row is written in the caller's transaction (mandatory), next
 * to the fact it reports or the consumer's inbox record, so it exists exactly when that was committed.
 * {@link MailRelay} sends it. A notification whose key was queued before is not queued again.
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager em;
    private final MailConfig config;
    private final Event<MailQueued> queued;

    public MailOutbox(EntityManager em, MailConfig config, Event<MailQueued> queued) {
        this.em = em;
        this.config = config;
        this.queued = queued;
    }

    /** Queues the mail; false if a notification with this key was queued before (then nothing is written). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean queue(Notification notification) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Notification.Attachment attachment = notification.attachment();
        int inserted = em.createNativeQuery("""
                insert into mail_outbox (message_id, notification_key, recipient, subject, body,
                                         attachment_name, attachment_type, attachment, created_at, next_attempt_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
                on conflict (notification_key) do nothing""")
                .setParameter(1, "<" + UUID.randomUUID() + "@" + config.messageIdDomain() + ">")
                .setParameter(2, notification.key())
                .setParameter(3, notification.recipient())
                .setParameter(4, notification.subject())
                .setParameter(5, notification.body())
                .setParameter(6, attachment == null ? null : attachment.name())
                .setParameter(7, attachment == null ? null : attachment.contentType())
                // typed, so that PostgreSQL takes a missing attachment as a null bytea
                .setParameter(8, new TypedParameterValue<>(StandardBasicTypes.BINARY, attachment == null ? null : attachment.content()))
                .setParameter(9, now)
                .executeUpdate();
        if (inserted == 1) {
            queued.fire(new MailQueued(notification.key()));
        }
        return inserted == 1;
    }

    /** Fired inside the writing transaction; the relay observes it after commit to send at once. */
    public record MailQueued(String key) {
    }
}

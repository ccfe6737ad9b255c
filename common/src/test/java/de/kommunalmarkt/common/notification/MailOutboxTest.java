package de.kommunalmarkt.common.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.common.CommonTestProfile;
import de.kommunalmarkt.testsupport.TestMailbox;
import de.kommunalmarkt.testsupport.TestMailbox.ReceivedMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The mail outbox against a real SMTP server: a notification is queued once per key, only with its
 * transaction, and sent once with its attachment and Message-ID; while the server is away it waits, and
 * it arrives once the server is back.
 */
@QuarkusTest
@TestProfile(CommonTestProfile.class)
class MailOutboxTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @Inject
    MailOutbox outbox;

    @Inject
    EntityManager em;

    private static Predicate<ReceivedMail> to(String address) {
        return mail -> mail.isTo(address);
    }

    private String messageIdOf(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select message_id from mail_outbox where notification_key = ?1").setParameter(1, key).getSingleResult());
    }

    @Test
    void aNotificationIsQueuedOncePerKeyAndArrivesOnceWithItsAttachmentAndMessageId() {
        String key = UUID.randomUUID() + "/test";
        String recipient = "rathaus@" + UUID.randomUUID() + ".example";
        byte[] xml = "<Invoice>Grüße</Invoice>".getBytes(StandardCharsets.UTF_8);
        Notification mail = Notification.of(key, recipient, "Ihre Rechnung", "Guten Tag,\nanbei die Rechnung.")
                .withAttachment("RE-1.xml", "application/xml", xml);

        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.queue(mail))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> outbox.queue(mail))).as("the same key again").isFalse();

        TestMailbox.awaitAny(to(recipient), ARRIVAL);
        List<ReceivedMail> received = TestMailbox.settled(to(recipient), Duration.ofSeconds(2));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).subject()).isEqualTo("Ihre Rechnung");
        assertThat(received.get(0).text()).contains("anbei die Rechnung.");
        assertThat(received.get(0).attachments()).containsOnlyKeys("RE-1.xml");
        assertThat(received.get(0).attachments().get("RE-1.xml")).isEqualTo(xml);
        assertThat(received.get(0).messageId()).isEqualTo(messageIdOf(key));
    }

    @Test
    void aRolledBackTransactionQueuesNothingAndThereIsNoQueueingOutsideOne() {
        String recipient = "rathaus@" + UUID.randomUUID() + ".example";
        Notification mail = Notification.of(UUID.randomUUID() + "/test", recipient, "Nie", "nie gesendet");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.queue(mail);
            throw new IllegalStateException("the fact is not committed");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> outbox.queue(mail)).isInstanceOf(jakarta.transaction.TransactionalException.class);

        assertThat(TestMailbox.settled(to(recipient), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void anSmtpOutageDelaysAMailButDoesNotLoseIt() {
        String key = UUID.randomUUID() + "/test";
        String recipient = "rathaus@" + UUID.randomUUID() + ".example";
        TestMailbox.stopServer();
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.queue(Notification.of(key, recipient, "Später", "kommt an")));
            await().atMost(ARRIVAL).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from mail_outbox where notification_key = ?1 and attempts >= 2 and last_error is not null"
                            + " and sent_at is null").setParameter(1, key).getSingleResult()).intValue() == 1));
        } finally {
            TestMailbox.startServer();
        }
        TestMailbox.awaitAny(to(recipient), ARRIVAL);
        assertThat(TestMailbox.settled(to(recipient), Duration.ofSeconds(2))).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from mail_outbox where notification_key = ?1 and sent_at is not null and last_error is null")
                .setParameter(1, key).getSingleResult())).isEqualTo(1L);
    }
}

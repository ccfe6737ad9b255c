package de.kommunalmarkt.common.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends the committed rows of the mail outbox over SMTP, one mail per transaction: the row is locked
 * ({@code for update skip locked}, so several instances never send the same mail at once), sent and
 * marked sent. A failed attempt leaves the row queued and moves its next attempt out, with a pause that
 * doubles up to {@code kommunalmarkt.mail.max-retry-backoff}: an SMTP server that is away delays mails
 * but loses none. A crash after the server took a mail and before the mark sends it again with the same
 * {@code Message-ID} (at least once towards SMTP; mail clients fold such duplicates).
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);

    private final EntityManager em;
    private final MailConfig config;
    private final ReactiveMailer mailer;
    private final MeterRegistry metrics;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ExecutorService worker;
    private Counter sent;
    private Counter failed;

    public MailRelay(EntityManager em, MailConfig config, ReactiveMailer mailer, MeterRegistry metrics) {
        this.em = em;
        this.config = config;
        this.mailer = mailer;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Mail relay disabled on this instance");
            return;
        }
        sent = Counter.builder("kommunalmarkt_mail_sent").description("E-mails the SMTP server accepted").register(metrics);
        failed = Counter.builder("kommunalmarkt_mail_failed").description("Attempts to send an e-mail that failed (it is retried)")
                .register(metrics);
        Gauge.builder("kommunalmarkt_mail_pending", this, MailRelay::pendingCountSafely)
                .description("E-mails queued and not yet accepted by the SMTP server").register(metrics);
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mail-relay");
            t.setDaemon(true);
            return t;
        });
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Right after a commit that queued a mail: send it now instead of at the next poll. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailOutbox.MailQueued queued) {
        wake();
    }

    @Scheduled(every = "${kommunalmarkt.mail.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Asks the relay thread to send what is due; coalesces while a run is already queued. */
    public void wake() {
        if (worker == null || worker.isShutdown() || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false);
        }
    }

    /** Sends due mails until none is due or one fails (the server is likely away); returns how many were sent. */
    public int drain() {
        int total = 0;
        try {
            for (int i = 0; i < config.batchSize(); i++) {
                Outcome outcome = sendNext();
                if (outcome != Outcome.SENT) {
                    break;
                }
                total++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Mail relay could not read the mail outbox (will retry): %s", e.toString());
        }
        if (total == config.batchSize()) {
            wake();
        }
        return total;
    }

    private enum Outcome { SENT, FAILED, NONE_DUE }

    private Outcome sendNext() {
        int timeout = (int) config.sendTimeout().toSeconds() + 30;
        return QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("""
                    select id, message_id, recipient, subject, body, attachment_name, attachment_type, attachment, attempts
                    from mail_outbox where sent_at is null and next_attempt_at <= ?1
                    order by next_attempt_at, id limit 1 for update skip locked""")
                    .setParameter(1, Instant.now())
                    .getResultList();
            if (due.isEmpty()) {
                return Outcome.NONE_DUE;
            }
            Object[] row = due.get(0);
            long id = ((Number) row[0]).longValue();
            int attempts = ((Number) row[8]).intValue() + 1;
            Mail mail = Mail.withText((String) row[2], (String) row[3], (String) row[4]).addHeader("Message-ID", (String) row[1]);
            if (row[5] != null) {
                mail.addAttachment((String) row[5], (byte[]) row[7], (String) row[6]);
            }
            try {
                mailer.send(mail).await().atMost(config.sendTimeout());
            } catch (RuntimeException e) {
                Duration pause = backoff(attempts);
                LOG.warnf("Could not send mail %s to %s (attempt %d), trying again in %s: %s", row[1], row[2], attempts, pause, e.toString());
                em.createNativeQuery("update mail_outbox set attempts = ?2, next_attempt_at = ?3, last_error = ?4 where id = ?1")
                        .setParameter(1, id).setParameter(2, attempts)
                        .setParameter(3, Instant.now().plus(pause).truncatedTo(ChronoUnit.MICROS))
                        .setParameter(4, String.valueOf(e.getMessage()))
                        .executeUpdate();
                failed.increment();
                return Outcome.FAILED;
            }
            em.createNativeQuery("update mail_outbox set attempts = ?2, sent_at = ?3, last_error = null where id = ?1")
                    .setParameter(1, id).setParameter(2, attempts)
                    .setParameter(3, Instant.now().truncatedTo(ChronoUnit.MICROS))
                    .executeUpdate();
            sent.increment();
            return Outcome.SENT;
        });
    }

    private Duration backoff(int attempts) {
        Duration pause = config.retryBackoff();
        for (int i = 1; i < attempts && pause.compareTo(config.maxRetryBackoff()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : pause;
    }

    public long pendingCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from mail_outbox where sent_at is null").getSingleResult()).longValue());
    }

    private double pendingCountSafely() {
        try {
            return pendingCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

package de.kommunalmarkt.licensing.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kommunalmarkt.licensing.LicensingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends due webhook deliveries: each in a transaction of its own that locks the row
 * ({@code for update skip locked}, so instances share the work and never send one row at the same time),
 * POSTs the event as a structured-mode CloudEvent signed per Standard Webhooks, and records the outcome
 * before it commits. A crash between sending and that commit leaves the row PENDING: it is sent again
 * (at least once; receivers dedupe by {@code webhook-id}, the event id).
 *
 * <p>Per operator the events go out in the order of its stream: a delivery is due only when no earlier
 * one of its operator is still PENDING, so a later event waits until the earlier one was delivered or
 * has failed for good (24 h). Operators do not wait for each other.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** What one attempt came to. */
    enum Outcome {
        DELIVERED, RETRY, FAILED
    }

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EntityManager em;
    private final LicensingConfig.Webhooks config;
    private final RetrySchedule schedule;
    private final ObjectMapper json;
    private final String source;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean again = new AtomicBoolean();
    private ExecutorService workers;
    private HttpClient http;

    public WebhookDispatcher(EntityManager em, LicensingConfig config, ObjectMapper json, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.em = em;
        this.config = config.webhooks();
        this.schedule = new RetrySchedule(this.config.backoff(), this.config.giveUpAfter());
        this.json = json;
        this.source = source;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("kommunalmarkt_webhook_attempts")
                    .description("Webhook delivery attempts by outcome: DELIVERED (2xx), RETRY (failed, tried again later), FAILED (failed for good)")
                    .tag("outcome", outcome.name()).register(metrics));
        }
    }

    void start(@Observes StartupEvent startup) {
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "webhook-dispatcher-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Right after a commit that queued a delivery: send now instead of at the next poll. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookDeliveries.Queued queued) {
        wake();
    }

    @Scheduled(every = "${licensing.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Starts workers (up to {@code licensing.webhooks.workers}) that send until nothing is due. */
    void wake() {
        again.set(true);
        if (workers == null || workers.isShutdown()) {
            return;
        }
        int now;
        while ((now = running.get()) < config.workers()) {
            if (running.compareAndSet(now, now + 1)) {
                try {
                    workers.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    running.decrementAndGet();
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            while (true) {
                again.set(false);
                Outcome outcome;
                while ((outcome = deliverNext()) != null) {
                    outcomes.get(outcome).increment();
                    // more may be due: let another worker help
                    if (running.get() < config.workers()) {
                        wake();
                    }
                }
                if (!again.get()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery could not be completed (it stays due and is sent again): %s", e.toString());
        } finally {
            running.decrementAndGet();
        }
    }

    /** Sends the next due delivery and records its outcome, in one transaction; null when none is due. */
    Outcome deliverNext() {
        int timeoutSeconds = (int) config.timeout().toSeconds() + 30;
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> due = em.createNativeQuery("""
                    select d.id from webhook_delivery d
                    where d.state = 'PENDING' and d.next_attempt_at <= ?1
                      and not exists (select 1 from webhook_delivery e
                                      where e.operator_id = d.operator_id and e.state = 'PENDING' and e.seq < d.seq)
                    order by d.next_attempt_at, d.id
                    limit 1
                    for update of d skip locked""").setParameter(1, Instant.now()).getResultList();
            if (due.isEmpty()) {
                return null;
            }
            WebhookDelivery delivery = em.find(WebhookDelivery.class, due.get(0).longValue());
            OperatorWebhook webhook = em.find(OperatorWebhook.class, delivery.operatorId);
            Attempt attempt = webhook == null ? new Attempt(null, "the operator has no webhook any more") : send(webhook, delivery);
            return record(delivery, attempt, Instant.now().truncatedTo(ChronoUnit.MICROS));
        });
    }

    private Attempt send(OperatorWebhook webhook, WebhookDelivery delivery) {
        String body = cloudEvent(delivery);
        long timestamp = Instant.now().getEpochSecond();
        String id = delivery.eventId.toString();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(webhook.url))
                .timeout(config.timeout())
                .header("content-type", "application/cloudevents+json; charset=utf-8")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(webhook.secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        } catch (IllegalArgumentException e) {
            return new Attempt(null, "the URL cannot be called: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Attempt(status, status / 100 == 2 ? null : "the endpoint answered HTTP " + status);
        } catch (IOException e) {
            return new Attempt(null, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + id, e);
        }
    }

    /** The event as a structured-mode CloudEvent; the same body on every attempt. */
    private String cloudEvent(WebhookDelivery delivery) {
        Object[] event = (Object[]) em.createNativeQuery("""
                select deployment_id, payload, occurred_at from operator_deployment_event where operator_id = ?1 and seq = ?2""")
                .setParameter(1, delivery.operatorId).setParameter(2, delivery.seq).getSingleResult();
        ObjectNode envelope = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", delivery.eventId.toString())
                .put("source", source)
                .put("type", delivery.eventType)
                .put("time", DateTimeFormatter.ISO_INSTANT.format(instant(event[2])))
                .put("subject", event[0].toString())
                .put("datacontenttype", "application/json");
        try {
            envelope.set("data", json.readTree((String) event[1]));
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + delivery.eventId + " is no JSON", e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private Outcome record(WebhookDelivery delivery, Attempt attempt, Instant now) {
        delivery.attempts++;
        if (delivery.firstAttemptAt == null) {
            delivery.firstAttemptAt = now;
        }
        delivery.lastAttemptAt = now;
        delivery.lastStatus = attempt.status();
        delivery.lastError = attempt.error() == null ? null
                : attempt.error().substring(0, Math.min(attempt.error().length(), MAX_ERROR_LENGTH));
        if (attempt.delivered()) {
            delivery.state = WebhookDelivery.State.DELIVERED;
            delivery.deliveredAt = now;
            return Outcome.DELIVERED;
        }
        return schedule.next(delivery.attempts, delivery.firstAttemptAt, now).map(next -> {
            delivery.nextAttemptAt = next;
            return Outcome.RETRY;
        }).orElseGet(() -> {
            delivery.state = WebhookDelivery.State.FAILED;
            LOG.infof("Webhook delivery of event %s to operator %s failed for good after %d attempts: %s",
                    delivery.eventId, delivery.operatorId, delivery.attempts, delivery.lastError);
            return Outcome.FAILED;
        });
    }

    /** One attempt's answer: the HTTP status if there was one, and what went wrong if anything. */
    private record Attempt(Integer status, String error) {
        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }
}

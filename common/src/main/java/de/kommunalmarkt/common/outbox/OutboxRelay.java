package de.kommunalmarkt.common.outbox;

import de.kommunalmarkt.common.tracing.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order, with an idempotent producer (acks=all), as
 * CloudEvents in binary mode (with the {@code traceparent} of the trace that wrote the row), and marks them sent in the same transaction that read them. A crash
 * before the mark re-sends the batch (at least once, never zero times). A PostgreSQL advisory lock
 * lets only one instance of a service relay at a time, which keeps per-key order across instances.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final long RELAY_LOCK = 0x6b6d6f7574626f78L; // "kmoutbox"
    private static final int ANOTHER_INSTANCE_RELAYS = -1;
    /** A relay transaction of another instance takes milliseconds; ask again after this pause. */
    private static final long BUSY_PAUSE_MILLIS = 5;

    private final EntityManager em;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String source;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ExecutorService worker;
    private KafkaProducer<String, String> producer;
    private Counter published;

    public OutboxRelay(EntityManager em, OutboxConfig config, MeterRegistry metrics, Tracer tracer,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.em = em;
        this.config = config;
        this.metrics = metrics;
        this.tracer = tracer;
        this.bootstrapServers = bootstrapServers;
        this.source = source;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        Properties props = new Properties();
        // The connection settings every Kafka client of the service shares (kafka.security.protocol,
        // kafka.sasl.*, kafka.ssl.*, ...), as SmallRye Messaging reads them too.
        org.eclipse.microprofile.config.Config all = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (String name : all.getPropertyNames()) {
            if (name.startsWith("kafka.security.") || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                all.getOptionalValue(name, String.class).ifPresent(value -> props.put(name.substring("kafka.".length()), value));
            }
        }
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, source + "-outbox-relay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(config.sendTimeout().toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(config.sendTimeout().toMillis(), 15_000)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(config.sendTimeout().toMillis()));
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        published = Counter.builder("kommunalmarkt_outbox_published").description("Events the outbox relay published")
                .register(metrics);
        Gauge.builder("kommunalmarkt_outbox_pending", this, OutboxRelay::pendingCountSafely)
                .description("Outbox rows not yet published").register(metrics);
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
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
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Right after a commit that wrote events: publish them now instead of at the next poll. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${kommunalmarkt.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Asks the relay thread to drain the outbox; coalesces while a drain is already queued. */
    public void wake() {
        if (worker == null || worker.isShutdown() || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            wakeQueued.set(false);
        }
    }

    /**
     * Publishes until nothing is pending; returns how many rows were published. While another instance
     * holds the relay lock, asks again every few milliseconds (for at most a poll interval): that
     * instance may have read its batch just before this instance's rows committed, and would leave them
     * to the next poll.
     */
    public int drain() {
        int total = 0;
        long busySince = 0;
        try {
            int sent;
            do {
                sent = publishBatch();
                if (sent == ANOTHER_INSTANCE_RELAYS) {
                    if (busySince == 0) {
                        busySince = System.nanoTime();
                    } else if (System.nanoTime() - busySince > config.pollInterval().toNanos()) {
                        break;
                    }
                    Thread.sleep(BUSY_PAUSE_MILLIS);
                    continue;
                }
                total += sent;
            } while (sent == config.batchSize() || sent == ANOTHER_INSTANCE_RELAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay could not publish (will retry): %s", e.toString());
        }
        return total;
    }

    /** Publishes one batch; returns how many rows, or {@link #ANOTHER_INSTANCE_RELAYS}. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds() + 30).call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return ANOTHER_INSTANCE_RELAYS;
            }
            List<OutboxEvent> batch = em.createQuery(
                    "from OutboxEvent where sentAt is null order by id", OutboxEvent.class)
                    .setMaxResults(config.batchSize()).getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            List<Span> spans = new ArrayList<>();
            try {
                for (OutboxEvent row : batch) {
                    Span span = publishSpan(row);
                    if (span != null) {
                        spans.add(span);
                    }
                    acks.add(producer.send(toRecord(row, row.traceparent)));
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                spans.forEach(span -> span.setStatus(StatusCode.ERROR, e.toString()));
                throw e;
            } finally {
                spans.forEach(Span::end);
            }
            Instant now = Instant.now();
            em.createQuery("update OutboxEvent set sentAt = :now where id in :ids")
                    .setParameter("now", now)
                    .setParameter("ids", batch.stream().map(r -> r.id).toList())
                    .executeUpdate();
            published.increment(batch.size());
            return batch.size();
        });
    }

    /**
     * The Kafka hop of a traced event as a span of its trace: a child of the context the row was written
     * in (a sibling of the consumers' spans), ended when the broker acknowledged the record. Rows written
     * outside any trace get none.
     */
    private Span publishSpan(OutboxEvent row) {
        if (row.traceparent == null) {
            return null;
        }
        return tracer.spanBuilder(row.topic + " publish")
                .setParent(TraceParent.parent(row.traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId.toString())
                .setAttribute("messaging.kafka.message.key", row.recordKey)
                .setAttribute("cloudevents.event_type", row.eventType)
                .startSpan();
    }

    /**
     * The record of a row: CloudEvents binary-mode headers, and {@code traceparent} (the context the row
     * was written in, as stored) when the row belongs to a trace. The stored context rather than the
     * publish span's: every copy of an event (one row per topic) carries the very same headers.
     */
    ProducerRecord<String, String> toRecord(OutboxEvent row, String traceparent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey, row.payload);
        Map<String, String> headers = CloudEventHeaders.of(row.eventId.toString(), source, row.eventType,
                DateTimeFormatter.ISO_INSTANT.format(row.occurredAt), row.subject);
        if (traceparent != null) {
            headers.put(TraceParent.HEADER, traceparent);
        }
        headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    public long pendingCount() {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(o) from OutboxEvent o where o.sentAt is null", Long.class).getSingleResult());
    }

    private double pendingCountSafely() {
        try {
            return pendingCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

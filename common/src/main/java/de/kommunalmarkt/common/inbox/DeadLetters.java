package de.kommunalmarkt.common.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The service's dead letters in its own database, and the gauge {@code kommunalmarkt_dead_letters}
 * of those not yet replayed, per consumer. The gauge reads a count kept here, refreshed after each
 * change and periodically (other instances of the service change the table too), so a metrics scrape
 * never waits for the database.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final EventConsumers consumers;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();

    public DeadLetters(EntityManager em, ObjectMapper json, MeterRegistry metrics, EventConsumers consumers) {
        this.em = em;
        this.json = json;
        this.metrics = metrics;
        this.consumers = consumers;
    }

    void registerGauges(@Observes StartupEvent startup) {
        consumers.names().forEach(this::gauge);
        refreshGaugeSafely();
    }

    /** Keeps the record, unless this consumer kept the same record (topic, partition, offset) before. */
    void record(String consumer, ConsumerRecord<String, String> record, Throwable failure) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String headersJson;
        try {
            headersJson = json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record headers cannot be written as JSON", e);
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into dead_letter (consumer, topic, record_partition, record_offset, record_key, headers, payload,
                                         error_class, error_message)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (consumer, topic, record_partition, record_offset) do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, record.topic())
                .setParameter(3, record.partition())
                .setParameter(4, record.offset())
                .setParameter(5, record.key())
                .setParameter(6, headersJson)
                .setParameter(7, record.value())
                .setParameter(8, failure.getClass().getName())
                .setParameter(9, failure.getMessage())
                .executeUpdate());
        refreshGaugeSafely();
    }

    /** Newest first; all topics when {@code topic} is null. */
    public PageResult<DeadLetter> list(String topic, PageParams page) {
        String where = topic == null ? "" : " where d.topic = :topic";
        var query = em.createQuery("select d from DeadLetter d" + where + " order by d.id desc", DeadLetter.class);
        var count = em.createQuery("select count(d) from DeadLetter d" + where, Long.class);
        if (topic != null) {
            query.setParameter("topic", topic);
            count.setParameter("topic", topic);
        }
        List<DeadLetter> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return PageResult.of(items, page, count.getSingleResult());
    }

    public List<DeadLetter> find(Collection<Long> ids) {
        return em.createQuery("select d from DeadLetter d where d.id in :ids order by d.id", DeadLetter.class)
                .setParameter("ids", ids).getResultList();
    }

    public List<Long> unreplayedIds() {
        return em.createQuery("select d.id from DeadLetter d where d.replayedAt is null order by d.id", Long.class)
                .getResultList();
    }

    /** The dead letter as the consumer received it. */
    ConsumerRecord<String, String> asRecord(DeadLetter letter) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(letter.topic, letter.partition, letter.offset,
                letter.key, letter.payload);
        headers(letter).forEach((name, value) -> record.headers().add(name,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    Map<String, String> headers(DeadLetter letter) {
        try {
            return json.readValue(letter.headers, json.getTypeFactory().constructMapType(LinkedHashMap.class,
                    String.class, String.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + letter.id + " has unreadable headers", e);
        }
    }

    /** Records the outcome of a replay; {@code replayed_at} only when the event is now in effect. */
    void markReplay(long id, ReplayOutcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update dead_letter set replay_outcome = ?2, replayed_at = case when ?3 then now() else replayed_at end where id = ?1")
                .setParameter(1, id)
                .setParameter(2, outcome.name())
                .setParameter(3, outcome != ReplayOutcome.FAILED)
                .executeUpdate());
    }

    @Scheduled(every = "${kommunalmarkt.inbox.gauge-refresh-interval}", delayed = "${kommunalmarkt.inbox.gauge-refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGaugeSafely() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select d.consumer, count(d) from DeadLetter d where d.replayedAt is null group by d.consumer", Object[].class)
                    .getResultList());
            Map<String, Long> counts = new LinkedHashMap<>();
            rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
            counts.keySet().forEach(this::gauge);
            open.forEach((consumer, value) -> value.set(counts.getOrDefault(consumer, 0L)));
        } catch (RuntimeException e) {
            LOG.debugf("Dead-letter gauge not refreshed: %s", e);
        }
    }

    private AtomicLong gauge(String consumer) {
        return open.computeIfAbsent(consumer, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("kommunalmarkt_dead_letters", value, AtomicLong::get).tag("consumer", name)
                    .description("Dead letters not replayed yet").register(metrics);
            return value;
        });
    }

    /** What replaying a dead letter did. */
    public enum ReplayOutcome {
        /** the effect is applied now */
        APPLIED,
        /** the event had been applied before (redelivered, or replayed already) */
        DUPLICATE,
        /** it failed again; the dead letter stays open */
        FAILED
    }
}

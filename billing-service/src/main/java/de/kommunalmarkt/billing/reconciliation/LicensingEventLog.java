package de.kommunalmarkt.billing.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingConfig;
import de.kommunalmarkt.common.inbox.PoisonEventException;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Licensing's licence events, read from the beginning of the topic billing consumes up to its end at
 * the start of the reading, and folded per licence into the facts billing should hold. A plain
 * consumer with assigned partitions and no group: it commits nothing and disturbs no one.
 */
@ApplicationScoped
class LicensingEventLog {

    /** What the topic says, licence by licence, and how many records could not be read as events. */
    record Folded(Map<UUID, LicenseFacts> licenses, long records, long unreadable) {
    }

    private final Map<String, Object> kafka;
    private final String topic;
    private final ObjectMapper json;
    private final BillingConfig config;

    LicensingEventLog(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.incoming.licenses.topic") String topic, ObjectMapper json, BillingConfig config) {
        this.kafka = kafka;
        this.topic = topic;
        this.json = json;
        this.config = config;
    }

    Folded read() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "billing-reconciliation-" + UUID.randomUUID());
        Duration timeout = config.reconciliation().readTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<UUID, LicenseFacts> licenses = new HashMap<>();
        long records = 0;
        long unreadable = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!partitions.stream().allMatch(p -> consumer.position(p, timeout) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    records++;
                    try {
                        fold(ReceivedEvent.read(record, json), licenses);
                    } catch (PoisonEventException | IllegalArgumentException e) {
                        // what no consumer can apply is no fact of licensing's; the consumers dead-letter it
                        unreadable++;
                    }
                }
            }
        }
        return new Folded(licenses, records, unreadable);
    }

    /** The same steps billing's view takes (BillingProjection), on facts instead of tables. */
    private static void fold(ReceivedEvent event, Map<UUID, LicenseFacts> licenses) {
        switch (event.type()) {
            case LICENSE_GRANTED -> {
                LicenseGranted e = event.as(LicenseGranted.class);
                LicenseFacts facts = licenses.computeIfAbsent(UUID.fromString(e.licenseId()), id -> new LicenseFacts());
                if (facts.planId == null && e.terms() != null) {
                    facts.planId = e.terms().planId();
                }
            }
            case LICENSE_ACTIVATED -> {
                LicenseActivated e = event.as(LicenseActivated.class);
                known(licenses, e.licenseId()).activatedOn = e.activatedOn();
            }
            case LICENSE_TERMINATED -> {
                LicenseTerminated e = event.as(LicenseTerminated.class);
                known(licenses, e.licenseId()).endsOn = e.endsOn();
            }
            case LICENSE_SUSPENDED -> {
                LicenseSuspended e = event.as(LicenseSuspended.class);
                known(licenses, e.licenseId()).suspend(e.suspendedOn());
            }
            case LICENSE_RESUMED -> {
                LicenseResumed e = event.as(LicenseResumed.class);
                known(licenses, e.licenseId()).resume(e.resumedOn());
            }
            default -> {
                // requests and rejections never become billable
            }
        }
    }

    /** A later event of a licence whose grant is not on the topic still names a licence licensing has. */
    private static LicenseFacts known(Map<UUID, LicenseFacts> licenses, String licenseId) {
        return licenses.computeIfAbsent(UUID.fromString(licenseId), id -> new LicenseFacts());
    }
}

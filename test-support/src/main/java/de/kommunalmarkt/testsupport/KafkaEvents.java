package de.kommunalmarkt.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka consumer and producer for tests, as an operator's or another service's system would
 * use them: read what a topic holds from a remembered position, send raw records (also malformed ones).
 */
public final class KafkaEvents implements AutoCloseable {

    /** A record as it arrived: key, value and the headers as text. */
    public record Received(String topic, String key, String value, Map<String, String> headers, long offset) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final String bootstrapServers;
    private final KafkaConsumer<String, String> consumer;

    public KafkaEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "test-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** The end offsets of every partition of the topic: a position to read from later. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    /** Reads from the given position until {@code until} holds for what was read, or the timeout ends. */
    public List<Received> readFrom(Map<TopicPartition, Long> from, Duration timeout, Predicate<List<Received>> until) {
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
                received.add(new Received(r.topic(), r.key(), r.value(), headers, r.offset()));
            }
            if (until.test(received)) {
                break;
            }
        }
        return received;
    }

    /** Sends a raw record, headers given as text: for events from "another service" and poison records. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send test record to " + topic, e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

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
 * What the broker refuses (a topic the principal may not read or write) is thrown as the broker's error,
 * e.g. {@link org.apache.kafka.common.errors.TopicAuthorizationException}.
 */
public final class KafkaEvents implements AutoCloseable {

    /** A record as it arrived: key, value and the headers as text. */
    public record Received(String topic, String key, String value, Map<String, String> headers, long offset) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Map<String, Object> connection;
    private final KafkaConsumer<String, String> consumer;

    /** Connected as the test broker's super user ({@link KafkaTestResource#adminConfig()}). */
    public KafkaEvents() {
        this(KafkaTestResource.adminConfig());
    }

    /**
     * Connected with these client settings (bootstrap servers, security protocol, SASL settings), e.g.
     * an operator's ({@link KafkaTestResource#operatorConfig(String)}); the consumer's group is
     * {@code group.id} if given, else a fresh one.
     */
    public KafkaEvents(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
        Properties props = new Properties();
        props.putAll(connection);
        props.putIfAbsent("group.id", "test-" + UUID.randomUUID());
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
        props.putAll(connection);
        props.remove("group.id");
        props.put("acks", "all");
        props.put("max.block.ms", "15000");
        props.put("delivery.timeout.ms", "15000");
        props.put("request.timeout.ms", "10000");
        // one record at a time needs no idempotence; without it a refused write names the topic
        // (an idempotent producer that may write nowhere is refused the cluster's IdempotentWrite first)
        props.put("enable.idempotence", "false");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException refused) {
                throw refused;
            }
            throw new IllegalStateException("could not send test record to " + topic, e);
        } catch (org.apache.kafka.common.errors.AuthorizationException refused) {
            throw refused;
        } catch (Exception e) {
            throw new IllegalStateException("could not send test record to " + topic, e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

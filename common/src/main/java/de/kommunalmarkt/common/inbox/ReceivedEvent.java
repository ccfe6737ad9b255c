package de.kommunalmarkt.common.inbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.DomainEvent;
import de.kommunalmarkt.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A consumed Kafka record read as a CloudEvent of the contract: id, type and the payload as its
 * record. Anything that is not such an event is a {@link PoisonEventException}.
 */
public record ReceivedEvent(UUID id, EventType type, String subject, String key, DomainEvent payload) {

    public static ReceivedEvent read(ConsumerRecord<String, String> record, ObjectMapper json) {
        String idHeader = header(record, CloudEventHeaders.ID);
        String typeHeader = header(record, CloudEventHeaders.TYPE);
        UUID id;
        try {
            id = UUID.fromString(idHeader);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("header ce_id is not a UUID: " + idHeader);
        }
        EventType type = EventType.byName(typeHeader);
        if (type == null) {
            throw new PoisonEventException("unknown event type in ce_type: " + typeHeader);
        }
        if (record.value() == null) {
            throw new PoisonEventException("record without a payload");
        }
        DomainEvent payload;
        try {
            // Tolerant reader: a newer producer may have added fields (additive changes within a version).
            ObjectReader reader = json.readerFor(type.recordClass()).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            payload = reader.readValue(record.value());
        } catch (IOException e) {
            throw new PoisonEventException("payload is not a valid " + type.typeName() + ": " + originalMessage(e), e);
        }
        if (payload == null) {
            throw new PoisonEventException("payload is null");
        }
        return new ReceivedEvent(id, type, header(record, CloudEventHeaders.SUBJECT), record.key(), payload);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            if (CloudEventHeaders.SUBJECT.equals(name)) {
                return record.key();
            }
            throw new PoisonEventException("missing header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    public <T extends DomainEvent> T as(Class<T> recordClass) {
        return recordClass.cast(payload);
    }
}

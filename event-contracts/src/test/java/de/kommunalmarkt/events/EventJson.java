package de.kommunalmarkt.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

/**
 * JSON as the services write and read it, and the contract's schemas (through {@link EventSchemas}). The mapper is configured the way a service's ObjectMapper must be for its JSON to match the
 * schemas.
 */
final class EventJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static JsonNode toTree(DomainEvent event) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonSchema schemaOf(EventType type) {
        return EventSchemas.schemaOf(type);
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode payload) {
        return EventSchemas.validate(type, payload);
    }

    private EventJson() {
    }
}

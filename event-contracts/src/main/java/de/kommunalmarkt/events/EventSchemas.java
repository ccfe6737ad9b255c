package de.kommunalmarkt.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Validates a payload against its event's JSON Schema from this module — for producers' tests (every
 * emitted event must validate) and for consumers that want to check what they receive. Needs
 * {@code com.networknt:json-schema-validator} on the classpath (an optional dependency of this module;
 * test-support brings it).
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_ID_PREFIX, "classpath:schemas/")));

    /** Formats (uuid, date, date-time, email) are only annotations in 2020-12 unless asserted. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    public static JsonSchema schemaOf(EventType type) {
        return FACTORY.getSchema(SchemaLocation.of(type.schemaId()), CONFIG);
    }

    /** The schema violations of the payload; empty when it is a valid event of that type. */
    public static Set<ValidationMessage> validate(EventType type, JsonNode payload) {
        return schemaOf(type).validate(payload);
    }

    /**
     * The violations of a payload as it travelled over Kafka, for its {@code ce_type}: empty when valid;
     * an unknown type or unreadable JSON is a violation too.
     */
    public static List<String> violations(String ceType, String payload) {
        EventType type = EventType.byName(ceType);
        if (type == null) {
            return List.of("unknown event type " + ceType);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return validate(type, tree).stream().map(ValidationMessage::getMessage).toList();
    }

    private EventSchemas() {
    }
}

package de.kommunalmarkt.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.DomainEvent;

/**
 * The one way an event becomes the JSON value of its Kafka record: the contract record as the
 * application's ObjectMapper writes it. Every outbox writer ({@link Outbox}, {@link OutboxBatch}) and
 * every copy of an event kept elsewhere (an operator's stream) uses it, so they never differ.
 */
public final class EventPayload {

    public static String of(ObjectMapper json, DomainEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + event.type(), e);
        }
    }

    private EventPayload() {
    }
}

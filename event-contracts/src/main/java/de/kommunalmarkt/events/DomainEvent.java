package de.kommunalmarkt.events;

/**
 * A fact one service publishes for the others. Every event is a record in this module, has a JSON
 * Schema under {@code schemas/<Type>.schema.json} and a channel in {@code asyncapi.yaml}.
 */
public interface DomainEvent {

    /** The Kafka record key: per-key order is what consumers may rely on (see docs/ARCHITECTURE.md, "Topics and events"). */
    String key();

    /** The CloudEvents subject: the id of the aggregate the event is about. */
    default String subject() {
        return key();
    }

    /** The CloudEvents type and the name of the JSON Schema. */
    default String type() {
        return EventType.of(getClass()).typeName();
    }

    default String topic() {
        return EventType.of(getClass()).topic();
    }
}

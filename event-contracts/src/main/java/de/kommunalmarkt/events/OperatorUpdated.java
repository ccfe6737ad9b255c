package de.kommunalmarkt.events;

import java.util.List;

/**
 * An operator's directory entry changed; carries the whole new entry (topic {@code catalog.directory}, key: operator id).
 * ({@code operatorType}, not {@code type}: {@link DomainEvent#type()} is the event type.)
 */
public record OperatorUpdated(
        String operatorId,
        String name,
        OperatorType operatorType,
        List<String> statesServed,
        int capacity,
        String contactEmail) implements DomainEvent {

    public OperatorUpdated {
        statesServed = List.copyOf(statesServed);
    }

    @Override
    public String key() {
        return operatorId;
    }
}

package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.OperatorType;
import java.time.Instant;
import java.util.List;

/** An operator as the directory shows it. */
public record OperatorView(String id, String name, OperatorType operatorType, List<String> statesServed, int capacity,
        String contactEmail, Instant registeredAt, Instant updatedAt) {
}

package de.kommunalmarkt.events;

import java.time.Instant;

/** A solution takes no new licences any more; existing ones go on (topic {@code catalog.solutions}, key: solution id). */
public record SolutionDeprecated(String solutionId, String providerAgs, Instant occurredAt) implements DomainEvent {

    @Override
    public String key() {
        return solutionId;
    }
}

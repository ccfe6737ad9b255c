package de.kommunalmarkt.events;

import java.time.Instant;

/** A municipality withdrew its pledge before the round closed (topic {@code catalog.rounds}, key: round id). */
public record PledgeWithdrawn(
        String roundId,
        String solutionId,
        String municipalityAgs,
        Instant withdrawnAt) implements DomainEvent {

    @Override
    public String key() {
        return roundId;
    }
}

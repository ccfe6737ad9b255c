package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A municipality pledged to an open scaling round, or replaced its earlier pledge (one pledge per
 * municipality and round; topic {@code catalog.rounds}, key: round id). {@code contribution} is 0 when
 * the pledge is a commitment only; {@code commitPlanId} and {@code commitOperatorId} are both present or
 * both absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PledgeMade(
        String roundId,
        String solutionId,
        String municipalityAgs,
        BigDecimal contribution,
        String commitPlanId,
        String commitOperatorId,
        Instant pledgedAt) implements DomainEvent {

    public PledgeMade {
        contribution = contribution == null ? null : contribution.setScale(2);
    }

    @Override
    public String key() {
        return roundId;
    }
}

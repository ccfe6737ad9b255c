package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A scaling round closed, on its date or early by its provider (topic {@code catalog.rounds}, key:
 * round id), once per round. For {@link RoundOutcome#SUCCEEDED} {@code pledges} holds every pledge
 * standing at the close: billing puts each contribution above 0 on the pledger's next invoice as a
 * one-off line "Skalierungsbeitrag" with this round's VAT, licensing turns each commitment into a
 * licence request approved automatically. For {@link RoundOutcome#FAILED} {@code pledges} is empty:
 * the pledges are released, nothing is billed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingRoundClosed(
        String roundId,
        String solutionId,
        String solutionName,
        String providerAgs,
        RoundOutcome outcome,
        boolean closedEarly,
        BigDecimal target,
        BigDecimal pledgedTotal,
        int participants,
        int minParticipants,
        String currency,
        BigDecimal vatRate,
        String vatCategory,
        String vatExemptionReason,
        List<RoundPledge> pledges,
        Instant closedAt) implements DomainEvent {

    public ScalingRoundClosed {
        pledges = pledges == null ? List.of() : List.copyOf(pledges);
        target = target == null ? null : target.setScale(2);
        pledgedTotal = pledgedTotal == null ? null : pledgedTotal.setScale(2);
    }

    @Override
    public String key() {
        return roundId;
    }
}

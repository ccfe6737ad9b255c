package de.kommunalmarkt.catalog.solution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A solution's current scaling round as its view shows it ({@code scalingRound}): the OPEN round, else
 * the latest closed one. {@code state} is OPEN, SUCCEEDED or FAILED; {@code daysLeft} counts the whole
 * days after today up to {@code closesOn} (0 on the last day and once closed). Supplied by the round
 * feature through {@link CurrentRounds}.
 */
public record RoundSummary(
        UUID id,
        String state,
        BigDecimal target,
        BigDecimal pledgedTotal,
        int participants,
        int minParticipants,
        LocalDate closesOn,
        int daysLeft) {

    public boolean open() {
        return "OPEN".equals(state);
    }
}

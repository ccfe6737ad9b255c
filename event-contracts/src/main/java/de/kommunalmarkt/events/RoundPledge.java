package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A municipality's pledge as it stood when its round closed: a one-off contribution (0 when it only
 * commits) and/or a commitment to license one of the solution's plans, run by the operator it chose.
 * {@code commitPlanId} and {@code commitOperatorId} are both present or both absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoundPledge(
        String municipalityAgs,
        BigDecimal contribution,
        String commitPlanId,
        String commitOperatorId,
        Instant pledgedAt) {

    public RoundPledge {
        contribution = contribution == null ? null : contribution.setScale(2);
    }
}

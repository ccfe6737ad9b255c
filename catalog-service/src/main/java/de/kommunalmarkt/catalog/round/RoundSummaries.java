package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.catalog.solution.CurrentRounds;
import de.kommunalmarkt.catalog.solution.RoundSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The solution view's {@code scalingRound}: each solution's current round (the OPEN one, else the latest) with its totals. */
@ApplicationScoped
public class RoundSummaries implements CurrentRounds {

    private final ScalingRoundRepository rounds;
    private final PledgeRepository pledges;
    private final Clock clock;

    public RoundSummaries(ScalingRoundRepository rounds, PledgeRepository pledges, Clock clock) {
        this.rounds = rounds;
        this.pledges = pledges;
        this.clock = clock;
    }

    @Override
    public Map<UUID, RoundSummary> of(Collection<UUID> solutionIds) {
        Map<UUID, ScalingRound> current = rounds.currentOf(solutionIds);
        if (current.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Tally> tallies = pledges.tallies(current.values().stream().map(r -> r.id).toList());
        LocalDate today = LocalDate.now(clock);
        Map<UUID, RoundSummary> summaries = new HashMap<>();
        current.forEach((solutionId, r) -> summaries.put(solutionId, RoundMapper.summary(r, tallies.get(r.id), today)));
        return summaries;
    }
}

package de.kommunalmarkt.catalog.solution;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What the solution view shows of scaling rounds, implemented by the round feature (which depends on
 * this package, never the other way round). Called inside the caller's transaction.
 */
public interface CurrentRounds {

    /** The current round of each of the solutions that has one (the OPEN one, else the latest), as of today. */
    Map<UUID, RoundSummary> of(Collection<UUID> solutionIds);
}

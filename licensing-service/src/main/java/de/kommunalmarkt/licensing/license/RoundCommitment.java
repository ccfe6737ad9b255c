package de.kommunalmarkt.licensing.license;

import java.util.UUID;

/**
 * One municipality's commitment in a scaling round that succeeded: to license the plan of the round's
 * solution, run by the operator it named. {@code solutionName} and {@code providerAgs} are the round's,
 * for a refusal of a solution licensing does not know.
 */
public record RoundCommitment(UUID roundId, String solutionId, String solutionName, String providerAgs, String adopterAgs,
        String planId, String operatorId) {

    /** Who asked and decided, in the licence's history: the round. */
    public String actor() {
        return "scaling-round-" + roundId;
    }
}

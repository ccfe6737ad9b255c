package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.inbox.DeadLetters.ReplayOutcome;
import java.util.List;

/** What a replay did, per dead letter and in sum. */
public record ReplayReport(List<Result> results, long applied, long duplicate, long failed) {

    public record Result(long id, String consumer, ReplayOutcome outcome, String error) {
    }

    static ReplayReport of(List<Result> results) {
        return new ReplayReport(results, count(results, ReplayOutcome.APPLIED), count(results, ReplayOutcome.DUPLICATE),
                count(results, ReplayOutcome.FAILED));
    }

    private static long count(List<Result> results, ReplayOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}

package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.inbox.DeadLetters.ReplayOutcome;
import de.kommunalmarkt.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Re-applies dead letters after a fix, each through the effect its consumer registered and the same
 * idempotency record: an event that reached the consumer meanwhile is a duplicate, not applied twice.
 * One attempt each; what fails again stays open and is reported.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);

    private final DeadLetters deadLetters;
    private final IdempotentConsumer inbox;

    public DeadLetterReplay(DeadLetters deadLetters, IdempotentConsumer inbox) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
    }

    public ReplayReport replay(ReplayRequest request) {
        List<Long> ids = request.ids() == null ? List.of() : request.ids();
        boolean all = Boolean.TRUE.equals(request.all());
        if (all == !ids.isEmpty()) {
            throw ProblemException.badRequest("ids", "give either a non-empty list of ids or \"all\": true");
        }
        if (ids.stream().anyMatch(id -> id == null)) {
            throw ProblemException.badRequest("ids", "must not contain null");
        }
        List<DeadLetter> letters = deadLetters.find(all ? deadLetters.unreplayedIds() : ids);
        if (!all) {
            Set<Long> missing = new TreeSet<>(ids);
            letters.forEach(letter -> missing.remove(letter.id));
            if (!missing.isEmpty()) {
                throw ProblemException.notFound("Dead letter", missing.toString().replaceAll("[\\[\\]]", ""))
                        .with("missingIds", missing);
            }
        }
        List<ReplayReport.Result> results = new ArrayList<>();
        for (DeadLetter letter : letters) {
            ReplayOutcome outcome;
            String error = null;
            try {
                outcome = inbox.applyOnce(letter.consumer, deadLetters.asRecord(letter)) ? ReplayOutcome.APPLIED
                        : ReplayOutcome.DUPLICATE;
            } catch (RuntimeException e) {
                outcome = ReplayOutcome.FAILED;
                error = e.getClass().getName() + ": " + e.getMessage();
                LOG.warnf("Replay of dead letter %d for %s failed again: %s", letter.id, letter.consumer, error);
            }
            deadLetters.markReplay(letter.id, outcome);
            results.add(new ReplayReport.Result(letter.id, letter.consumer, outcome, error));
        }
        deadLetters.refreshGaugeSafely();
        return ReplayReport.of(results);
    }
}

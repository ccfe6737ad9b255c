package de.kommunalmarkt.catalog.round;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The scheduled close of scaling rounds whose date has passed (today in Europe/Berlin after
 * {@code closesOn}): each closes SUCCEEDED or FAILED by {@link RoundRules#outcome} and
 * ScalingRoundClosed leaves through the outbox, in one transaction per round. Every instance runs the
 * job ({@code catalog.rounds.close-cron}, hourly by default), but each round is taken under a row lock
 * that the others skip, and once closed it is due no more, so it closes — and its event leaves — once.
 * A run missed (no instance running) is caught up by the next, since every OPEN round dated before today is due.
 */
@ApplicationScoped
public class RoundClosing {

    private static final Logger LOG = Logger.getLogger(RoundClosing.class);

    private final RoundService rounds;
    private final Clock clock;

    public RoundClosing(RoundService rounds, Clock clock) {
        this.rounds = rounds;
        this.clock = clock;
    }

    @Scheduled(identity = "scaling-round-close", cron = "${catalog.rounds.close-cron}", timeZone = "${kommunalmarkt.time.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int closed = closeDueRounds();
        if (closed > 0) {
            LOG.infof("Closed %d scaling rounds whose date has passed", closed);
        }
    }

    /** Closes every round that is due today; returns how many this call closed. */
    public int closeDueRounds() {
        LocalDate today = LocalDate.now(clock);
        int closed = 0;
        for (UUID id : rounds.dueToClose(today)) {
            try {
                if (rounds.closeIfDue(id, today)) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // one round that cannot close now holds up no other; the next run retries it
                LOG.warnf("Could not close scaling round %s now, will retry at the next run: %s", id, e.toString());
            }
        }
        return closed;
    }
}

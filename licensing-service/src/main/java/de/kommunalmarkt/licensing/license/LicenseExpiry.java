package de.kommunalmarkt.licensing.license;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily job that ends licences whose {@code endsOn} has passed: each becomes TERMINATED (history
 * entry END) and LicenseEnded leaves through the outbox, in one transaction per licence. Reads show
 * TERMINATED from the day after {@code endsOn} already (License#stateOn); this job makes the stored
 * state and the event follow. Every instance runs it, but each licence is taken under a row lock that
 * the others skip, and once TERMINATED it is due no more, so it ends once (a new request of the same
 * adopter that finds it due ends it the same way first). A day missed (no instance running) is caught
 * up by the next run, since every licence with {@code endsOn} before today is due.
 */
@ApplicationScoped
public class LicenseExpiry {

    private static final Logger LOG = Logger.getLogger(LicenseExpiry.class);

    private final LicenseService licenses;
    private final Clock clock;

    public LicenseExpiry(LicenseService licenses, Clock clock) {
        this.licenses = licenses;
        this.clock = clock;
    }

    @Scheduled(identity = "licence-expiry", cron = "${licensing.expiry.cron}", timeZone = "${kommunalmarkt.time.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int ended = endDueLicences();
        if (ended > 0) {
            LOG.infof("Ended %d licences whose end date has passed", ended);
        }
    }

    /** Ends every licence that is due today; returns how many this call ended. */
    public int endDueLicences() {
        LocalDate today = LocalDate.now(clock);
        int ended = 0;
        for (UUID id : licenses.dueToEnd(today)) {
            try {
                if (licenses.endIfDue(id, today)) {
                    ended++;
                }
            } catch (RuntimeException e) {
                // one licence that cannot end now (e.g. changed concurrently) holds up no other; the next run retries it
                LOG.warnf("Could not end licence %s now, will retry at the next run: %s", id, e.toString());
            }
        }
        return ended;
    }
}

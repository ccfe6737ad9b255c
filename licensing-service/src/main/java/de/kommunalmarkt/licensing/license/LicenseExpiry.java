package de.kommunalmarkt.licensing.license;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records TERMINATED for licences whose {@code endsOn} has passed. Reads already show TERMINATED
 * from the day after {@code endsOn} (License#stateOn); this job makes the stored state follow, which
 * frees the municipality to request the solution again. One transaction per licence, so a licence
 * changed concurrently does not hold up the others (it is picked up next time).
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

    @Scheduled(every = "${licensing.expiry.interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        endDueLicences();
    }

    /** Ends every licence that is due; returns how many. */
    public int endDueLicences() {
        int ended = 0;
        for (UUID id : licenses.endedBefore(LocalDate.now(clock))) {
            try {
                if (licenses.endIfDue(id)) {
                    ended++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not end licence %s now, will retry: %s", id, e.toString());
            }
        }
        return ended;
    }
}

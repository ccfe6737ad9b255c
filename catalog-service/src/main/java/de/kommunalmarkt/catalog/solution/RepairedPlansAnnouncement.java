package de.kommunalmarkt.catalog.solution;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, after Flyway: announces the published solutions whose stored plans a migration repaired
 * (V5, the VAT rule), so that licences requested from now on freeze the repaired terms.
 */
@ApplicationScoped
class RepairedPlansAnnouncement {

    private static final Logger LOG = Logger.getLogger(RepairedPlansAnnouncement.class);

    void onStart(@Observes StartupEvent startup, SolutionService solutions) {
        int announced = solutions.announceQueued();
        if (announced > 0) {
            LOG.infof("Announced %d published solutions again whose plans a migration repaired", announced);
        }
    }
}

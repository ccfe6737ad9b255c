package de.kommunalmarkt.catalog.adoption;

import de.kommunalmarkt.catalog.solution.SolutionRepository;
import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseEnded;
import de.kommunalmarkt.events.LicenseTerminated;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps "used by N municipalities" and the reviewers' licences from {@code licensing.licenses}.
 * Each event is applied once (IdempotentConsumer, by {@code ce_id}); beyond that the per-licence
 * state makes the count safe against the same fact arriving twice under different ids and against
 * an end overtaking its activation: a licence is counted once at most, uncounted only if it was
 * counted, and never counted after it ended. A licence counts as adopted (and its municipality may
 * review) from its activation through {@code endsOn} (docs/DOMAIN.md, section "Adoption and reviews"): the notice ({@code LicenseTerminated})
 * only records {@code endsOn}; the adoption ends with {@code LicenseEnded}, the day after.
 */
@ApplicationScoped
public class AdoptionProjection implements EventConsumer {

    static final String CONSUMER = "catalog-adoptions";
    private static final Logger LOG = Logger.getLogger(AdoptionProjection.class);

    private final IdempotentConsumer inbox;
    private final LicenseHoldingRepository holdings;
    private final SolutionRepository solutions;
    private final MeterRegistry metrics;

    public AdoptionProjection(IdempotentConsumer inbox, LicenseHoldingRepository holdings, SolutionRepository solutions,
            MeterRegistry metrics) {
        this.inbox = inbox;
        this.holdings = holdings;
        this.solutions = solutions;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(CONSUMER, this::apply);
    }

    @Incoming("licenses")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    void apply(ReceivedEvent event) {
        switch (event.type()) {
            case LICENSE_ACTIVATED -> activated(event.as(LicenseActivated.class));
            case LICENSE_TERMINATED -> noticeGiven(event.as(LicenseTerminated.class));
            case LICENSE_ENDED -> ended(event.as(LicenseEnded.class));
            default -> {
                // requested, granted, rejected, cancelled, suspended, resumed: no change to adoption or review rights
            }
        }
    }

    private void activated(LicenseActivated e) {
        UUID licenseId = UUID.fromString(e.licenseId());
        LicenseHolding holding = holdings.findById(licenseId);
        if (holding != null) {
            // the same activation again, or an end that arrived first: nothing more to count
            return;
        }
        holding = new LicenseHolding();
        holding.licenseId = licenseId;
        holding.solutionId = UUID.fromString(e.solutionId());
        holding.adopterAgs = e.adopterAgs();
        holding.state = LicenseHolding.State.ACTIVE;
        holding.activatedOn = e.activatedOn();
        holding.counted = solutions.addAdoptions(holding.solutionId, 1);
        holding.updatedAt = Instant.now();
        holdings.persist(holding);
        if (holding.counted) {
            metrics.counter("kommunalmarkt_adoptions", "change", "activated").increment();
        } else {
            LOG.warnf("Licence %s activated for solution %s, which the catalog does not know; not counted", licenseId, e.solutionId());
        }
    }

    /** Notice given: the licence still counts through {@code endsOn}; only the date is kept. */
    private void noticeGiven(LicenseTerminated e) {
        LicenseHolding holding = holdings.findById(UUID.fromString(e.licenseId()));
        if (holding == null) {
            // notice is only given on an activated licence; an activation the catalog never had counts nothing to end
            LOG.warnf("Notice for licence %s, whose activation the catalog has not seen; nothing to count", e.licenseId());
            return;
        }
        holding.endsOn = e.endsOn();
        holding.updatedAt = Instant.now();
    }

    private void ended(LicenseEnded e) {
        UUID licenseId = UUID.fromString(e.licenseId());
        LicenseHolding holding = holdings.findById(licenseId);
        boolean known = holding != null;
        if (!known) {
            // ended before its activation reached us: remembered, so the activation is not counted later
            holding = new LicenseHolding();
            holding.licenseId = licenseId;
            holding.solutionId = UUID.fromString(e.solutionId());
            holding.adopterAgs = e.adopterAgs();
            holding.counted = false;
        } else if (holding.counted) {
            solutions.addAdoptions(holding.solutionId, -1);
            holding.counted = false;
            metrics.counter("kommunalmarkt_adoptions", "change", "ended").increment();
        }
        holding.state = LicenseHolding.State.TERMINATED;
        holding.endsOn = e.endedOn();
        holding.updatedAt = Instant.now();
        if (!known) {
            holdings.persist(holding);
        }
    }
}

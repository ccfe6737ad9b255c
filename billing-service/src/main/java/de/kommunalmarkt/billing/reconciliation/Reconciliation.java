package de.kommunalmarkt.billing.reconciliation;

import de.kommunalmarkt.billing.reconciliation.ReconciliationReport.Difference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reconciles billing's view of the licences with licensing's events, on request and periodically
 * ({@code billing.reconciliation.every}); each result sets the gauge
 * {@code kommunalmarkt_reconciliation_differences}. Licensing's events are read up to the topic's end
 * when the check starts; an event billing has not consumed yet shows as a difference until it has, so
 * an alert should wait for a difference to persist over more than one check.
 */
@ApplicationScoped
public class Reconciliation {

    /** Differing licences listed in one report; the count covers all. */
    static final int LISTED_DIFFERENCES = 1000;
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final LicensingEventLog events;
    private final EntityManager em;
    private final MeterRegistry metrics;
    private final String topic;
    private final AtomicLong differences = new AtomicLong();
    private volatile boolean gaugeRegistered;

    public Reconciliation(LicensingEventLog events, EntityManager em, MeterRegistry metrics,
            @ConfigProperty(name = "mp.messaging.incoming.licenses.topic") String topic) {
        this.events = events;
        this.em = em;
        this.metrics = metrics;
        this.topic = topic;
    }

    @Scheduled(identity = "billing-reconciliation", every = "${billing.reconciliation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        ReconciliationReport report = reconcile();
        if (report.differences() > 0) {
            LOG.warnf("Reconciliation: %d licences differ between billing and licensing's events, e.g. %s",
                    report.differences(), report.differing().get(0));
        }
    }

    public ReconciliationReport reconcile() {
        Instant checkedAt = Instant.now();
        LicensingEventLog.Folded expected = events.read();
        Map<UUID, LicenseFacts> actual = QuarkusTransaction.requiringNew().call(this::billingView);

        TreeSet<UUID> all = new TreeSet<>(expected.licenses().keySet());
        all.addAll(actual.keySet());
        List<Difference> differing = new ArrayList<>();
        long count = 0;
        long matching = 0;
        for (UUID id : all) {
            LicenseFacts shouldBe = expected.licenses().get(id);
            LicenseFacts is = actual.get(id);
            List<String> what;
            if (is == null) {
                what = List.of("in licensing's events, unknown to billing");
            } else if (shouldBe == null) {
                what = List.of("known to billing, not in licensing's events");
            } else {
                what = is.differencesFrom(shouldBe);
            }
            if (what.isEmpty()) {
                matching++;
            } else {
                count++;
                if (differing.size() < LISTED_DIFFERENCES) {
                    differing.add(new Difference(id, what));
                }
            }
        }
        ReconciliationReport report = new ReconciliationReport(checkedAt, topic, expected.records(), expected.unreadable(),
                expected.licenses().size(), actual.size(), matching, count, differing);
        differences.set(count);
        registerGauge();
        return report;
    }

    private Map<UUID, LicenseFacts> billingView() {
        Map<UUID, LicenseFacts> view = new HashMap<>();
        for (Object[] row : em.createQuery("select l.licenseId, l.contract.planId, l.activatedOn, l.endsOn from License l",
                Object[].class).getResultList()) {
            LicenseFacts facts = new LicenseFacts();
            facts.planId = (String) row[1];
            facts.activatedOn = (LocalDate) row[2];
            facts.endsOn = (LocalDate) row[3];
            view.put((UUID) row[0], facts);
        }
        for (Object[] row : em.createQuery(
                "select s.licenseId, s.suspendedOn, s.resumedOn from LicenseSuspension s order by s.id", Object[].class)
                .getResultList()) {
            LicenseFacts facts = view.get((UUID) row[0]);
            if (facts != null) {
                facts.suspensions.add(new LicenseFacts.Suspension((LocalDate) row[1], (LocalDate) row[2]));
            }
        }
        return view;
    }

    /** Only once a first result exists: a gauge at 0 before any check would claim agreement. */
    private void registerGauge() {
        if (!gaugeRegistered) {
            synchronized (this) {
                if (!gaugeRegistered) {
                    Gauge.builder("kommunalmarkt_reconciliation_differences", differences, AtomicLong::get)
                            .description("Licences on which billing's view and licensing's events differ").register(metrics);
                    gaugeRegistered = true;
                }
            }
        }
    }
}

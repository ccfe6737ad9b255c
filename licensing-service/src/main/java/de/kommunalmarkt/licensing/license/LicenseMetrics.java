package de.kommunalmarkt.licensing.license;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * {@code kommunalmarkt_licenses_granted_total}: counted when the granting transaction commits, so a
 * rolled-back grant is not counted. Registered at start, so it reads 0 before the first grant.
 */
@Startup
@ApplicationScoped
public class LicenseMetrics {

    private final Counter granted;
    private final TransactionSynchronizationRegistry transactions;

    public LicenseMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        granted = Counter.builder("kommunalmarkt_licenses_granted").description("Licences granted (AUTO or by the provider)")
                .register(registry);
    }

    /** Counts a grant once the current transaction commits. */
    void grantedOnCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    granted.increment();
                }
            }
        });
    }
}

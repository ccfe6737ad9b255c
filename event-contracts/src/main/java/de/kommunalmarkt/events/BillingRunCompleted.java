package de.kommunalmarkt.events;

import java.time.Instant;

/** A billing run finished a period (topic {@code billing.invoices}, key: period {@code YYYY-MM}, subject: run id). */
public record BillingRunCompleted(
        String runId,
        String period,
        long invoicesIssued,
        Instant startedAt,
        Instant completedAt) implements DomainEvent {

    /** Keyed by period so that the runs of one period stay in order. */
    @Override
    public String key() {
        return period;
    }

    @Override
    public String subject() {
        return runId;
    }
}

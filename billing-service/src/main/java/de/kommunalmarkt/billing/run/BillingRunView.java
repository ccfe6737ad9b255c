package de.kommunalmarkt.billing.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A billing run as a billing admin follows it: state, progress, counts and duration (seconds from the
 * first execution's start to completion, or to now while running).
 */
public record BillingRunView(
        UUID id,
        String period,
        BillingRunState state,
        String triggeredBy,
        LocalDate issueDate,
        LocalDate dueDate,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Double durationSeconds,
        Progress progress,
        Counts counts,
        BigDecimal netTotal,
        BigDecimal grossTotal,
        int executions,
        String lastError) {

    /** Municipalities invoiced (or found to owe nothing) out of those the run bills. */
    public record Progress(int municipalitiesDone, int municipalitiesTotal) {
    }

    /**
     * Licences the run bills, billable licences it could not bill (municipality unknown to billing),
     * invoices and lines issued.
     */
    public record Counts(int licenses, int licensesWithoutMunicipality, int invoicesIssued, long linesIssued,
            int corrections, int creditNotesIssued) {
    }

    static BillingRunView of(BillingRun run, Instant now) {
        Double duration = null;
        if (run.startedAt != null) {
            Instant end = run.completedAt == null ? now : run.completedAt;
            duration = (end.toEpochMilli() - run.startedAt.toEpochMilli()) / 1000.0;
        }
        return new BillingRunView(run.id, run.period, run.state, run.triggeredBy, run.issueDate, run.dueDate,
                run.createdAt, run.startedAt, run.completedAt, duration,
                new Progress(run.municipalitiesDone, run.municipalitiesTotal),
                new Counts(run.licensesTotal, run.licensesSkipped, run.invoicesIssued, run.linesIssued,
                        run.correctionsPlanned, run.creditNotesIssued),
                run.netTotal, run.grossTotal, run.executions, run.lastError);
    }
}

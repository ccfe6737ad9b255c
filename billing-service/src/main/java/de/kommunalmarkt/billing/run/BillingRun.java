package de.kommunalmarkt.billing.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A billing run of one period; written by {@link BillingRunEngine} (see {@link RunRecord}), read here. */
@Entity
@Table(name = "billing_run")
public class BillingRun {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BillingRunState state;

    @Column(name = "triggered_by", nullable = false)
    public String triggeredBy;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "snapshot_at")
    public Instant snapshotAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "municipalities_total", nullable = false)
    public int municipalitiesTotal;

    @Column(name = "municipalities_done", nullable = false)
    public int municipalitiesDone;

    @Column(name = "last_done_ags")
    public String lastDoneAgs;

    @Column(name = "licenses_total", nullable = false)
    public int licensesTotal;

    @Column(name = "licenses_skipped", nullable = false)
    public int licensesSkipped;

    @Column(name = "invoices_issued", nullable = false)
    public int invoicesIssued;

    @Column(name = "lines_issued", nullable = false)
    public long linesIssued;

    /** Differences in earlier periods this run found when it fixed its inputs (catch-up lines and credit-note lines). */
    @Column(name = "corrections_planned", nullable = false)
    public int correctionsPlanned;

    @Column(name = "credit_notes_issued", nullable = false)
    public int creditNotesIssued;

    @Column(name = "net_total", nullable = false)
    public BigDecimal netTotal;

    @Column(name = "gross_total", nullable = false)
    public BigDecimal grossTotal;

    @Column(nullable = false)
    public int executions;

    @Column(name = "last_error")
    public String lastError;
}

package de.kommunalmarkt.billing.creditnote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A credit note (type 381) against one invoice: issued by a billing run for its corrections ({@code runId}) or by
 * a billing admin. Written by JDBC ({@code run/CreditNoteRows}), read here.
 */
@Entity
@Table(name = "credit_note")
public class CreditNote {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String number;

    /** The corrected invoice (BG-3). */
    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "municipality_ags", nullable = false)
    public String municipalityAgs;

    @Column(nullable = false)
    public String reason;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "net_total", nullable = false)
    public BigDecimal netTotal;

    @Column(name = "vat_total", nullable = false)
    public BigDecimal vatTotal;

    @Column(name = "gross_total", nullable = false)
    public BigDecimal grossTotal;

    @Column(nullable = false)
    public String currency;

    @Column(name = "line_count", nullable = false)
    public int lineCount;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

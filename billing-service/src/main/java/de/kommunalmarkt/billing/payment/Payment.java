package de.kommunalmarkt.billing.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Money received for an invoice, booked by a billing admin or from a bank statement. */
@Entity
@Table(name = "payment")
public class Payment {

    /** How a payment came to be booked. */
    public enum Source {
        MANUAL, CAMT053
    }

    @Id
    public UUID id;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(name = "municipality_ags", nullable = false)
    public String municipalityAgs;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(name = "paid_on", nullable = false)
    public LocalDate paidOn;

    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    public String source;

    @Column(name = "booked_by", nullable = false)
    public String bookedBy;

    @Column(name = "booked_at", nullable = false)
    public Instant bookedAt;
}

package de.kommunalmarkt.billing.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A credit entry of an imported bank statement; unmatched while it has no payment. */
@Entity
@Table(name = "bank_entry")
public class BankEntry {

    @Id
    public UUID id;

    @Column(name = "account_iban", nullable = false)
    public String accountIban;

    @Column(name = "entry_reference", nullable = false)
    public String entryReference;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "booked_on", nullable = false)
    public LocalDate bookedOn;

    @Column(name = "debtor_name")
    public String debtorName;

    public String remittance;

    @Column(name = "unmatched_reason")
    public String unmatchedReason;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "imported_by", nullable = false)
    public String importedBy;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}

package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** One line of an invoice: a licence's use in the period (days out of D) or its setup fee. */
@Entity
@Table(name = "invoice_line")
@IdClass(InvoiceLine.Key.class)
public class InvoiceLine {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    @Column(name = "line_no")
    public short lineNo;

    @Column(name = "license_id", nullable = false)
    public UUID licenseId;

    @Column(name = "contract_id", nullable = false)
    public long contractId;

    /** USAGE or SETUP_FEE. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "billable_days")
    public Short billableDays;

    @Column(name = "period_days", nullable = false)
    public short periodDays;

    @Column(name = "net_amount", nullable = false)
    public BigDecimal netAmount;

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;

    /** For a catch-up line: the earlier period it bills a difference for (BG-26); null for the invoice's own period. */
    @Column(name = "corrects_period")
    public String correctsPeriod;

    /** For a catch-up line: the invoice that billed that period before, where there was one (BG-3). */
    @Column(name = "corrects_invoice")
    public UUID correctsInvoice;

    /** The composite key: invoice and position. */
    public static class Key implements Serializable {
        public UUID invoiceId;
        public short lineNo;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(invoiceId, key.invoiceId) && lineNo == key.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(invoiceId, lineNo);
        }
    }
}

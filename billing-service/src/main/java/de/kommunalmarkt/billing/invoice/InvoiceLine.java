package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One line of an invoice: a licence's use in the period (days out of D) or its setup fee. */
@Entity
@Table(name = "invoice_line")
@IdClass(InvoiceLine.Key.class)
public class InvoiceLine extends ChargeColumns {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    @Column(name = "line_no")
    public short lineNo;

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

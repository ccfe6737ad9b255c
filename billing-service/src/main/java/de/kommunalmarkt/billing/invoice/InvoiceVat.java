package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The VAT breakdown of an invoice per (category, rate): vat = round(rate × net). */
@Entity
@Table(name = "invoice_vat")
@IdClass(InvoiceVat.Key.class)
public class InvoiceVat extends VatBreakdownColumns {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    @Column(name = "group_no")
    public short groupNo;

    /** The composite key: invoice and position. */
    public static class Key implements Serializable {
        public UUID invoiceId;
        public short groupNo;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(invoiceId, key.invoiceId) && groupNo == key.groupNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(invoiceId, groupNo);
        }
    }
}

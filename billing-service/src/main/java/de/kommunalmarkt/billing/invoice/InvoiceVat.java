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

/** The VAT breakdown of an invoice per (category, rate): vat = round(rate × net). */
@Entity
@Table(name = "invoice_vat")
@IdClass(InvoiceVat.Key.class)
public class InvoiceVat {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    @Column(name = "group_no")
    public short groupNo;

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;

    @Column(name = "exemption_reason")
    public String exemptionReason;

    @Column(name = "net_amount", nullable = false)
    public BigDecimal netAmount;

    @Column(name = "vat_amount", nullable = false)
    public BigDecimal vatAmount;

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

package de.kommunalmarkt.billing.creditnote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** The VAT breakdown of a credit note per (category, rate): vat = round(rate × net). */
@Entity
@Table(name = "credit_note_vat")
@IdClass(CreditNoteVat.Key.class)
public class CreditNoteVat {

    @Id
    @Column(name = "credit_note_id")
    public UUID creditNoteId;

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

    /** The composite key: credit note and position. */
    public static class Key implements Serializable {
        public UUID creditNoteId;
        public short groupNo;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(creditNoteId, key.creditNoteId) && groupNo == key.groupNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(creditNoteId, groupNo);
        }
    }
}

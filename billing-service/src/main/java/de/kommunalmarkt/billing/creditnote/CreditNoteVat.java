package de.kommunalmarkt.billing.creditnote;

import jakarta.persistence.Column;
import de.kommunalmarkt.billing.invoice.VatBreakdownColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The VAT breakdown of a credit note per (category, rate): vat = round(rate × net). */
@Entity
@Table(name = "credit_note_vat")
@IdClass(CreditNoteVat.Key.class)
public class CreditNoteVat extends VatBreakdownColumns {

    @Id
    @Column(name = "credit_note_id")
    public UUID creditNoteId;

    @Id
    @Column(name = "group_no")
    public short groupNo;

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

package de.kommunalmarkt.billing.creditnote;

import de.kommunalmarkt.billing.invoice.ChargeColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One line of a credit note: a positive amount credited for a licence's charge of a period. */
@Entity
@Table(name = "credit_note_line")
@IdClass(CreditNoteLine.Key.class)
public class CreditNoteLine extends ChargeColumns {

    @Id
    @Column(name = "credit_note_id")
    public UUID creditNoteId;

    @Id
    @Column(name = "line_no")
    public short lineNo;

    /** The line of the corrected invoice this credits, where it credits one line. */
    @Column(name = "invoice_line_no")
    public Short invoiceLineNo;

    /** The period whose charge this credits (BG-26). */
    @Column(nullable = false)
    public String period;

    /** The composite key: credit note and position. */
    public static class Key implements Serializable {
        public UUID creditNoteId;
        public short lineNo;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(creditNoteId, key.creditNoteId) && lineNo == key.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(creditNoteId, lineNo);
        }
    }
}

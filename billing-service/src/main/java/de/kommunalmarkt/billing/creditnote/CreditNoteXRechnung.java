package de.kommunalmarkt.billing.creditnote;

import de.kommunalmarkt.billing.invoice.XRechnungWriter;
import jakarta.enterprise.context.ApplicationScoped;
import org.mustangproject.Invoice;

/**
 * A credit note as XRechnung: type code 381, the corrected invoice as preceding invoice reference (BG-3), each
 * line with the period it credits (BG-26) and a positive amount, as EN 16931 wants.
 */
@ApplicationScoped
public class CreditNoteXRechnung {

    private final XRechnungWriter writer;

    public CreditNoteXRechnung(XRechnungWriter writer) {
        this.writer = writer;
    }

    public byte[] write(CreditNoteView note) {
        Invoice document = writer.document(note.number(), note.issueDate(), note.issueDate(), note.currency(),
                note.buyer(), note.municipalityAgs(), note.lines().stream().map(CreditNoteView.Line::vatCategory).toList())
                .setCreditNote()
                .setInvoiceReferencedDocumentID(note.correctsInvoice().number())
                .setInvoiceReferencedIssueDate(XRechnungWriter.date(note.correctsInvoice().issueDate()))
                .setPaymentTermDescription("Gutschrift zur Rechnung " + note.correctsInvoice().number()
                        + ": der Betrag wird erstattet oder mit offenen Forderungen verrechnet");
        for (CreditNoteView.Line line : note.lines()) {
            document.addItem(XRechnungWriter.period(XRechnungWriter.item(line.description(), line.planId(),
                    line.netAmount(), line.vatCategory(), line.vatRate(), line.vatExemptionReason()), line.period()));
        }
        return XRechnungWriter.xml(document);
    }
}

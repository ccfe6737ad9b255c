package de.kommunalmarkt.billing.creditnote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A credit note in a list. */
public record CreditNoteSummary(
        UUID id,
        String number,
        String municipalityAgs,
        UUID correctsInvoice,
        LocalDate issueDate,
        String reason,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency) {

    static CreditNoteSummary of(CreditNote note) {
        return new CreditNoteSummary(note.id, note.number, note.municipalityAgs, note.invoiceId, note.issueDate,
                note.reason, note.netTotal, note.vatTotal, note.grossTotal, note.currency);
    }
}

package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A credit note (type 381) was issued to a municipality against one of its invoices (topic
 * {@code billing.invoices}, key: the municipality's AGS): by a billing run correcting an earlier period
 * ({@code runId} set), or by a billing admin (no {@code runId}). Amounts are positive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditNoteIssued(
        String creditNoteId,
        String creditNoteNumber,
        String municipalityAgs,
        String correctsInvoiceId,
        String correctsInvoiceNumber,
        LocalDate issueDate,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency,
        String reason,
        String runId) implements DomainEvent {

    @Override
    public String key() {
        return municipalityAgs;
    }
}

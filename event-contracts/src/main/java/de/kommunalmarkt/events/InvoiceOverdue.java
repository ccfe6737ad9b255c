package de.kommunalmarkt.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An invoice still open reached a dunning level (topic {@code billing.invoices}, key: the municipality's
 * AGS): REMINDER, FIRST_NOTICE or FINAL_NOTICE, each raised at most once per invoice.
 */
public record InvoiceOverdue(
        String invoiceId,
        String invoiceNumber,
        String municipalityAgs,
        String level,
        LocalDate dueDate,
        int daysOverdue,
        BigDecimal openAmount) implements DomainEvent {

    public InvoiceOverdue {
        openAmount = openAmount == null ? null : openAmount.setScale(2);
    }

    @Override
    public String key() {
        return municipalityAgs;
    }

    @Override
    public String subject() {
        return invoiceId;
    }
}

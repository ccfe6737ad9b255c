package de.kommunalmarkt.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice was issued to a municipality for a billing period (topic {@code billing.invoices}, key: the municipality's AGS). */
public record InvoiceIssued(
        String invoiceId,
        String invoiceNumber,
        String municipalityAgs,
        String period,
        LocalDate issueDate,
        LocalDate dueDate,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency,
        String runId) implements DomainEvent {

    @Override
    public String key() {
        return municipalityAgs;
    }
}

package de.kommunalmarkt.billing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice in a list. */
public record InvoiceSummary(
        UUID id,
        String number,
        String period,
        String municipalityAgs,
        String buyerName,
        LocalDate issueDate,
        LocalDate dueDate,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency) {
}

package de.kommunalmarkt.billing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice in a list, with its status and open amount. */
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
        String currency,
        InvoiceStatus status,
        BigDecimal openAmount) {

    /** The invoice as issued; {@link #settled} adds where it stands with its payer. */
    public InvoiceSummary(UUID id, String number, String period, String municipalityAgs, String buyerName,
            LocalDate issueDate, LocalDate dueDate, BigDecimal netTotal, BigDecimal vatTotal, BigDecimal grossTotal,
            String currency) {
        this(id, number, period, municipalityAgs, buyerName, issueDate, dueDate, netTotal, vatTotal, grossTotal, currency,
                null, null);
    }

    public InvoiceSummary settled(Settlement settlement) {
        return new InvoiceSummary(id, number, period, municipalityAgs, buyerName, issueDate, dueDate, netTotal, vatTotal,
                grossTotal, currency, settlement.status(), settlement.openAmount());
    }
}

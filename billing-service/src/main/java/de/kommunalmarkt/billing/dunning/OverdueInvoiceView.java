package de.kommunalmarkt.billing.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice still open after its due date; {@code level} is the highest dunning level raised, null before the first. */
public record OverdueInvoiceView(
        UUID invoiceId,
        String invoiceNumber,
        String municipalityAgs,
        LocalDate dueDate,
        long daysOverdue,
        BigDecimal openAmount,
        DunningLevel level) {
}

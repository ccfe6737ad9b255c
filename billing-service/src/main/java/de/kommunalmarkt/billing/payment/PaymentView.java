package de.kommunalmarkt.billing.payment;

import de.kommunalmarkt.billing.invoice.InvoiceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A booked payment and where its invoice stands with it. */
public record PaymentView(
        UUID id,
        UUID invoiceId,
        String invoiceNumber,
        String municipalityAgs,
        BigDecimal amount,
        LocalDate paidOn,
        String reference,
        Payment.Source source,
        InvoiceStatus invoiceStatus,
        BigDecimal invoiceOpenAmount) {
}

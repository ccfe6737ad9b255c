package de.kommunalmarkt.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment against an invoice was booked, by a billing admin or from a bank statement (topic
 * {@code billing.invoices}, key: the municipality's AGS). {@code invoiceStatus} is the invoice's status
 * with this payment: OPEN, PAID or OVERPAID.
 */
public record PaymentBooked(
        String paymentId,
        String invoiceId,
        String invoiceNumber,
        String municipalityAgs,
        BigDecimal amount,
        String currency,
        LocalDate paidOn,
        String reference,
        String source,
        String invoiceStatus) implements DomainEvent {

    public PaymentBooked {
        // Money leaves as a number with exactly two decimals; an amount with more is a defect, not something to round.
        amount = amount == null ? null : amount.setScale(2);
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

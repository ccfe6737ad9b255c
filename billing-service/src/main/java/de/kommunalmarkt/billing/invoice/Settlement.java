package de.kommunalmarkt.billing.invoice;

import java.math.BigDecimal;

/**
 * What settles an invoice: payments, credit notes against it (gross) and an offset from the municipality's
 * credit balance. All amounts are sums of cent amounts, so nothing here rounds.
 */
public record Settlement(BigDecimal gross, BigDecimal paid, BigDecimal credited, BigDecimal offset) {

    /** gross − payments − credit notes − offset; negative when the invoice was paid beyond its gross. */
    public BigDecimal openAmount() {
        return gross.subtract(paid).subtract(credited).subtract(offset);
    }

    public InvoiceStatus status() {
        return switch (openAmount().signum()) {
            case 1 -> InvoiceStatus.OPEN;
            case 0 -> InvoiceStatus.PAID;
            default -> InvoiceStatus.OVERPAID;
        };
    }
}

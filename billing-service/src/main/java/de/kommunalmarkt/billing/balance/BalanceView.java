package de.kommunalmarkt.billing.balance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A municipality's credit balance with its movements, oldest first: money in (an invoice paid beyond its
 * gross: OVERPAYMENT, or CREDIT_NOTE when credit notes against it are part of the excess) as positive
 * amounts, money out (OFFSET against an invoice, REFUND) as negative ones.
 */
public record BalanceView(String municipalityAgs, BigDecimal balance, String currency, List<Movement> movements) {

    public record Movement(LocalDate on, String kind, BigDecimal amount, String invoiceNumber, String creditNotes,
            String reference) {
    }
}

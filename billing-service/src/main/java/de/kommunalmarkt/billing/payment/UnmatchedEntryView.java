package de.kommunalmarkt.billing.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A bank entry no invoice could be found for, with the reason, waiting for a billing admin. */
public record UnmatchedEntryView(
        UUID id,
        String accountIban,
        String entryReference,
        BigDecimal amount,
        String currency,
        LocalDate bookedOn,
        String debtorName,
        String remittance,
        String reason) {

    static UnmatchedEntryView of(BankEntry entry) {
        return new UnmatchedEntryView(entry.id, entry.accountIban, entry.entryReference, entry.amount, entry.currency,
                entry.bookedOn, entry.debtorName, entry.remittance, entry.unmatchedReason);
    }
}

package de.kommunalmarkt.billing.balance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which documents a credit balance still consists of: the invoices paid beyond their gross, oldest first,
 * less what offsets and refunds have used, first in first out. Names the source of an offset (BT-113).
 */
final class CreditSources {

    /** What an invoice was paid beyond its gross; {@code creditNotes} the numbers of credit notes against it, or null. */
    record Excess(String invoiceNumber, String creditNotes, BigDecimal amount) {

        String describe() {
            return creditNotes == null
                    ? "Überzahlung der Rechnung " + invoiceNumber
                    : "Gutschrift " + creditNotes + " zu Rechnung " + invoiceNumber;
        }
    }

    /** The excesses, oldest first, that {@code used} has not consumed yet, the first one possibly in part. */
    static List<Excess> remaining(List<Excess> excesses, BigDecimal used) {
        List<Excess> remaining = new ArrayList<>();
        BigDecimal toConsume = used;
        for (Excess excess : excesses) {
            if (toConsume.compareTo(excess.amount()) >= 0) {
                toConsume = toConsume.subtract(excess.amount());
            } else {
                remaining.add(new Excess(excess.invoiceNumber(), excess.creditNotes(), excess.amount().subtract(toConsume)));
                toConsume = BigDecimal.ZERO;
            }
        }
        return remaining;
    }

    /** The first of the sources (oldest first) that together make up {@code amount}: what an offset of it uses. */
    static List<Excess> covering(List<Excess> sources, BigDecimal amount) {
        List<Excess> covering = new ArrayList<>();
        BigDecimal covered = BigDecimal.ZERO;
        for (Excess source : sources) {
            if (covered.compareTo(amount) >= 0) {
                break;
            }
            covering.add(source);
            covered = covered.add(source.amount());
        }
        return covering;
    }

    /** The text an offset carries (XRechnung note next to the paid amount BT-113). */
    static String describe(List<Excess> sources) {
        List<String> parts = sources.stream().map(Excess::describe).toList();
        return "Verrechnet mit Guthaben aus " + String.join("; ", parts);
    }

    private CreditSources() {
    }
}

package de.kommunalmarkt.billing.payment;

import java.util.List;

/**
 * What an import did: payments booked, entries seen before (not booked again), entries left unmatched by
 * this import. Debit entries and entries not booked yet (status PDNG, INFO) are not counted.
 */
public record Camt053ImportResult(int booked, int duplicates, List<UnmatchedEntryView> unmatched) {
}

package de.kommunalmarkt.billing.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Billing's view against licensing's events: how many licences each side knows, how many agree, and
 * the licences that differ (at most {@link Reconciliation#LISTED_DIFFERENCES}, {@code differences}
 * counts all) with what differs.
 */
public record ReconciliationReport(Instant checkedAt, String topic, long eventsRead, long unreadableRecords,
        long licensesInEvents, long licensesInBilling, long matching, long differences, List<Difference> differing) {

    public record Difference(UUID licenseId, List<String> what) {
    }
}

package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.time.LocalDate;
import java.util.BitSet;

/** The billable days of a licence in a period, out of the period's D days. */
public record BillableDays(int days, int periodDays) {

    public BillableDays {
        if (periodDays < 28 || periodDays > 31) {
            throw new IllegalArgumentException("a month has 28 to 31 days, got " + periodDays);
        }
        if (days < 0 || days > periodDays) {
            throw new IllegalArgumentException("billable days must be within [0, " + periodDays + "], got " + days);
        }
    }

    /**
     * Days of the period from activation through {@code endsOn}, less suspended days; overlapping
     * suspensions count once.
     */
    public static BillableDays of(BillingPeriod period, LicenseTimeline timeline) {
        LocalDate from = latest(period.firstDay(), timeline.activatedOn());
        LocalDate to = timeline.endsOn() == null ? period.lastDay() : earliest(period.lastDay(), timeline.endsOn());
        if (from.isAfter(to)) {
            return new BillableDays(0, period.days());
        }
        BitSet billable = new BitSet();
        billable.set(from.getDayOfMonth(), to.getDayOfMonth() + 1);
        for (Suspension suspension : timeline.suspensions()) {
            LocalDate suspendedFrom = latest(from, suspension.suspendedOn());
            LocalDate suspendedTo = suspension.resumedOn() == null
                    ? to
                    : earliest(to, suspension.resumedOn().minusDays(1));
            if (!suspendedFrom.isAfter(suspendedTo)) {
                billable.clear(suspendedFrom.getDayOfMonth(), suspendedTo.getDayOfMonth() + 1);
            }
        }
        return new BillableDays(billable.cardinality(), period.days());
    }

    public boolean isZero() {
        return days == 0;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}

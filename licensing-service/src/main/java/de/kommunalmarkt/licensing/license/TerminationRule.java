package de.kommunalmarkt.licensing.license;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * When a licence may end (docs/DOMAIN.md, section "Termination"): {@code endsOn} is the last active day, the last
 * day of a month, and not earlier than max(notice given + notice period, activation + minimum term − 1 day).
 */
public final class TerminationRule {

    /** The earliest allowed {@code endsOn}: the first month end on or after the bound. */
    public static LocalDate earliestEndsOn(LocalDate noticeGivenOn, int noticePeriodDays, LocalDate activatedOn, int minimumTermMonths) {
        LocalDate afterNotice = noticeGivenOn.plusDays(noticePeriodDays);
        LocalDate afterMinimumTerm = activatedOn.plusMonths(minimumTermMonths).minusDays(1);
        LocalDate bound = afterNotice.isAfter(afterMinimumTerm) ? afterNotice : afterMinimumTerm;
        return bound.with(TemporalAdjusters.lastDayOfMonth());
    }

    public static boolean isMonthEnd(LocalDate date) {
        return date.getDayOfMonth() == date.lengthOfMonth();
    }

    /** Whether {@code endsOn} is allowed: a month end not before {@link #earliestEndsOn}. */
    public static boolean allows(LocalDate endsOn, LocalDate earliest) {
        return isMonthEnd(endsOn) && !endsOn.isBefore(earliest);
    }

    private TerminationRule() {
    }
}

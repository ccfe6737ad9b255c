package de.kommunalmarkt.licensing;

import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import java.time.LocalDate;
import java.util.List;

/**
 * The days a reported fact may be dated on (docs/DOMAIN.md, sections "Deployments" and
 * "Suspension and resumption"): from
 * {@code earliest} through {@code latest} inclusive; {@code latest} null means no upper bound. A date
 * outside is refused with 422 naming the field and the range ({@code earliestAllowed},
 * {@code latestAllowed}), and what sets each bound.
 */
public record FactDates(LocalDate earliest, String earliestBecause, LocalDate latest, String latestBecause) {

    /** A {@code liveOn}: not before the day the licence was granted, not after today. */
    public static FactDates liveOn(LocalDate grantedOn, LocalDate today) {
        return new FactDates(grantedOn, "the day the licence was granted", today, "today");
    }

    /**
     * A suspension or resumption date: not before {@code notBefore} (what the licence's history allows),
     * nor more than {@code maxMonthsBack} months before today; no upper bound (it may be announced ahead).
     */
    public static FactDates backDated(LocalDate notBefore, String notBeforeBecause, LocalDate today, int maxMonthsBack) {
        LocalDate backLimit = today.minusMonths(maxMonthsBack);
        return notBefore.isAfter(backLimit)
                ? new FactDates(notBefore, notBeforeBecause, null, null)
                : new FactDates(backLimit, "at most " + maxMonthsBack + " months before today", null, null);
    }

    /** Throws 422 naming {@code field} unless {@code date} lies within the range. */
    public void require(String field, LocalDate date) {
        String why = date.isBefore(earliest) ? "must not be before " + earliest + " (" + earliestBecause + ")"
                : latest != null && date.isAfter(latest) ? "must not be after " + latest + " (" + latestBecause + ")"
                : null;
        if (why == null) {
            return;
        }
        String range = latest == null ? "from " + earliest : "from " + earliest + " through " + latest;
        ProblemException problem = ProblemException.unprocessable(field + " " + date + " " + why + "; allowed: " + range,
                List.of(new Problem.Violation(field, why + "; allowed: " + range)))
                .with("earliestAllowed", earliest.toString());
        if (latest != null) {
            problem.with("latestAllowed", latest.toString());
        }
        throw problem;
    }
}

package de.kommunalmarkt.billing;

import de.kommunalmarkt.billing.pricing.BillingPeriod;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Billing periods as clients name them: only months that are over can be billed or asked about. */
public final class Periods {

    /** Billing's calendar (docs/DOMAIN.md, section "Money and dates": dates are in Europe/Berlin). */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Periods() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /**
     * The period named by {@code text}: 400 naming {@code field} if it is not {@code YYYY-MM}, 422 if the
     * month has not ended yet.
     */
    public static BillingPeriod ended(String text, String field) {
        BillingPeriod period;
        try {
            period = BillingPeriod.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
        if (!period.lastDay().isBefore(today())) {
            String message = "the month " + period + " has not ended yet; the latest period that can be billed is "
                    + BillingPeriod.of(today().minusMonths(1).getYear(), today().minusMonths(1).getMonthValue());
            throw ProblemException.unprocessable(message, List.of(new Problem.Violation(field, message)));
        }
        return period;
    }

    /** Like {@link #ended}, for an optional query parameter. */
    public static BillingPeriod endedOrNull(String text, String field) {
        return text == null || text.isBlank() ? null : ended(text, field);
    }
}

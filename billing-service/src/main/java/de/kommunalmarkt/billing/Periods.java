package de.kommunalmarkt.billing;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Billing periods as clients name them, against the marketplace's one clock (common {@code Clocks}, in
 * the zone {@code kommunalmarkt.time.zone}): only months that are over can be billed or asked about.
 */
@ApplicationScoped
public class Periods {

    private final Clock clock;

    public Periods(Clock clock) {
        this.clock = clock;
    }

    /** Today in the marketplace's zone: the issue date of documents written now. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The month before this one: the period the monthly run bills. */
    public BillingPeriod previous() {
        return new BillingPeriod(YearMonth.from(today()).minusMonths(1));
    }

    /**
     * The period named by {@code text}: 400 naming {@code field} if it is not {@code YYYY-MM}, 422 if the
     * month has not ended yet.
     */
    public BillingPeriod ended(String text, String field) {
        BillingPeriod period;
        try {
            period = BillingPeriod.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
        if (!period.lastDay().isBefore(today())) {
            String message = "the month " + period + " has not ended yet; the latest period that can be billed is " + previous();
            throw ProblemException.unprocessable(message, List.of(new Problem.Violation(field, message)));
        }
        return period;
    }

    /** Like {@link #ended}, for an optional query parameter. */
    public BillingPeriod endedOrNull(String text, String field) {
        return text == null || text.isBlank() ? null : ended(text, field);
    }
}

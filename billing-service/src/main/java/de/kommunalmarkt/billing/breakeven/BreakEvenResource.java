package de.kommunalmarkt.billing.breakeven;

import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The break-even of a provider's solution (README, "Break-even"): for a provider of the solution's own municipality
 * (token claim {@code municipality}) only.
 */
@Path("/api/break-even")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PROVIDER)
@Tag(name = "Break-even")
public class BreakEvenResource {

    /** Amounts above this are no investment or running cost of a municipal solution, but a typo. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    static final long MAX_INHABITANTS = 100_000_000;

    private final BreakEvenService service;
    private final Caller caller;

    public BreakEvenResource(BreakEvenService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /**
     * {@code investment} and {@code monthlyCost} in EUR (at most 2 decimals, ≥ 0; left out: the round's target and the
     * cost-sharing pools), {@code inhabitants} the adopter size of the cost-sharing prices (default 10,000). A value
     * that is no number is a 400, a negative one or one with more than 2 decimals a 422, each naming the parameter;
     * an unknown solution 404, another provider's 403.
     */
    @GET
    public BreakEvenView breakEven(@QueryParam("solutionId") String solutionId, @QueryParam("investment") String investment,
            @QueryParam("monthlyCost") String monthlyCost, @QueryParam("inhabitants") String inhabitants) {
        if (solutionId == null || solutionId.isBlank()) {
            throw ProblemException.badRequest("solutionId", "is required");
        }
        BigDecimal invested = amount("investment", investment);
        BigDecimal cost = amount("monthlyCost", monthlyCost);
        long size = inhabitants(inhabitants);
        String solution = solutionId.strip();
        String provider = service.providerOf(solution);
        if (provider == null) {
            throw ProblemException.notFound("Solution", solution);
        }
        String own = caller.requireMunicipality();
        if (!provider.equals(own)) {
            throw ProblemException.forbidden("Only the solution's provider (" + provider + ") may see its break-even; "
                    + "your municipality is " + own).with("solutionId", solution);
        }
        return service.compute(solution, invested, cost, size);
    }

    private static BigDecimal amount(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "must be an amount in EUR, e.g. 120000.00, got '" + text + "'");
        }
        if (amount.signum() < 0) {
            throw unprocessable(field, "must not be negative, got " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw unprocessable(field, "must be whole cents (at most 2 decimals), got " + amount.toPlainString());
        }
        if (amount.compareTo(MAX_AMOUNT) >= 0) {
            throw unprocessable(field, "must be below " + MAX_AMOUNT.toPlainString() + " EUR, got " + amount.toPlainString());
        }
        return amount.setScale(2);
    }

    private static long inhabitants(String text) {
        if (text == null || text.isBlank()) {
            return BreakEvenService.DEFAULT_INHABITANTS;
        }
        long inhabitants;
        try {
            inhabitants = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("inhabitants", "must be a whole number of inhabitants, got '" + text + "'");
        }
        if (inhabitants < 1 || inhabitants > MAX_INHABITANTS) {
            throw unprocessable("inhabitants", "must be between 1 and " + MAX_INHABITANTS + ", got " + inhabitants);
        }
        return inhabitants;
    }

    private static ProblemException unprocessable(String field, String message) {
        return ProblemException.unprocessable(field + " " + message, List.of(new Problem.Violation(field, message)));
    }
}

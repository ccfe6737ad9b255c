package de.kommunalmarkt.billing.statement;

import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/statements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVIDER, Roles.BILLING_ADMIN})
@Tag(name = "Provider statements")
public class StatementResource {

    private final StatementService service;
    private final Caller caller;
    private final Periods periods;

    public StatementResource(StatementService service, Caller caller, Periods periods) {
        this.service = service;
        this.caller = caller;
        this.periods = periods;
    }

    /**
     * A provider gets its own statement (one item); a billing admin every provider's, or one provider's
     * with {@code provider}.
     */
    @GET
    public PageResult<StatementView> statements(@QueryParam("period") String period,
            @QueryParam("provider") String provider, @Valid @BeanParam PageParams page) {
        if (period == null || period.isBlank()) {
            throw ProblemException.badRequest("period", "is required (YYYY-MM)");
        }
        BillingPeriod billed = periods.ended(period, "period");
        if (provider != null && !Ags.isValid(provider)) {
            throw ProblemException.badRequest("provider", "must be an AGS of 8 digits");
        }
        if (!caller.hasRole(Roles.BILLING_ADMIN)) {
            String own = caller.requireMunicipality();
            if (provider != null && !provider.equals(own)) {
                throw ProblemException.forbidden("You may only see the statement of your own municipality (" + own + ")")
                        .with("provider", provider);
            }
            return PageResult.of(List.of(service.of(own, billed)), page, 1);
        }
        return provider == null ? service.all(billed, page) : PageResult.of(List.of(service.of(provider, billed)), page, 1);
    }
}

package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/billing-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BILLING_ADMIN)
@Tag(name = "Billing runs")
public class BillingRunResource {

    private final BillingRunService service;
    private final Caller caller;
    private final Periods periods;

    public BillingRunResource(BillingRunService service, Caller caller, Periods periods) {
        this.service = service;
        this.caller = caller;
        this.periods = periods;
    }

    /** 202 with the run: started, resumed, or — for a finished period — the completed run, nothing issued again. */
    @POST
    public Response start(@Valid @NotNull BillingRunRequest request) {
        BillingRunView run = service.start(periods.ended(request.period(), "period"), caller.name());
        return Response.accepted(run).location(URI.create("/api/billing-runs/" + run.id())).build();
    }

    @GET
    public PageResult<BillingRunView> list(@QueryParam("period") String period, @Valid @BeanParam PageParams page) {
        return service.list(periods.endedOrNull(period, "period"), page);
    }

    @GET
    @Path("/{id}")
    public BillingRunView get(@PathParam("id") String id) {
        return service.get(RequestParams.pathId(id, "Billing run"));
    }
}

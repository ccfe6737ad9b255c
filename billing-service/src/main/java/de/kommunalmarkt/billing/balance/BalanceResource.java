package de.kommunalmarkt.billing.balance;

import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/balances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit balances")
public class BalanceResource {

    private final BalanceService balances;
    private final Caller caller;

    public BalanceResource(BalanceService balances, Caller caller) {
        this.balances = balances;
        this.caller = caller;
    }

    /**
     * An adopter sees its own municipality's balance (one item); a billing admin one municipality's with
     * {@code municipality}, or every municipality with a positive balance.
     */
    @GET
    @RolesAllowed({Roles.ADOPTER, Roles.BILLING_ADMIN})
    public PageResult<BalanceView> balances(@QueryParam("municipality") String municipality,
            @Valid @BeanParam PageParams page) {
        if (municipality != null) {
            requireAgs(municipality, "municipality");
        }
        if (!caller.hasRole(Roles.BILLING_ADMIN)) {
            String own = caller.requireMunicipality();
            if (municipality != null && !municipality.equals(own)) {
                throw ProblemException.forbidden("You may only see the credit balance of your own municipality (" + own
                        + ")").with("municipality", municipality);
            }
            return PageResult.of(List.of(balances.of(own)), page, 1);
        }
        return municipality == null ? balances.positive(page) : PageResult.of(List.of(balances.of(municipality)), page, 1);
    }

    /** 201 with the balance after the refund; 422 when the refund is more than the balance. */
    @POST
    @Path("/{ags}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    public Response refund(@PathParam("ags") String ags, @Valid @NotNull RefundRequest request) {
        requireAgs(ags, "ags");
        return Response.status(Response.Status.CREATED).entity(balances.refund(ags, request, caller.name())).build();
    }

    private static void requireAgs(String ags, String field) {
        if (!Ags.isValid(ags)) {
            throw ProblemException.badRequest(field, "must be an AGS of 8 digits");
        }
    }
}

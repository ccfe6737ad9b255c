package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.common.web.RequestParams;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scaling rounds: anyone reads them with their totals; an adopter pledges for its municipality and
 * withdraws until the close; the round's provider closes it early once it would succeed. Pledges of
 * other municipalities are shown to the round's provider and marketplace admins only. Commands without
 * a body accept any content type.
 */
@Path("/api/scaling-rounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scaling rounds")
public class RoundResource {

    private final RoundService service;
    private final Caller caller;

    public RoundResource(RoundService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "Scaling rounds, optionally of one solution and in one state, newest first")
    public PageResult<RoundView> list(@QueryParam("solutionId") String solutionId, @QueryParam("state") String state,
            @Valid @BeanParam PageParams page) {
        return service.list(RequestParams.queryUuid("solutionId", solutionId), RequestParams.queryEnum("state", state, RoundState.class),
                page, viewer(caller));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One scaling round with its totals (and the pledges the caller may see)")
    public RoundView get(@PathParam("id") String id) {
        return service.get(RequestParams.pathId(id, "Scaling round"), viewer(caller));
    }

    @POST
    @Path("/{id}/pledges")
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "Pledge for the caller's municipality (a contribution and/or a licence commitment); "
            + "a second pledge replaces the first (201 first, 200 replacing)")
    public Response pledge(@PathParam("id") String id, @NotNull PledgeRequest request) {
        UUID roundId = RequestParams.pathId(id, "Scaling round");
        RoundService.Pledged pledged = service.pledge(caller.requireMunicipality(), roundId, request, viewer(caller));
        return pledged.first()
                ? Response.created(URI.create("/api/scaling-rounds/" + roundId)).entity(pledged.round()).build()
                : Response.ok(pledged.round()).build();
    }

    @DELETE
    @Path("/{id}/pledges/mine")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "Withdraw the caller's municipality's pledge before the round closes")
    public Response withdraw(@PathParam("id") String id) {
        service.withdraw(caller.requireMunicipality(), RequestParams.pathId(id, "Scaling round"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Close an own round before its date, once it would succeed (target met, enough municipalities)")
    public RoundView close(@PathParam("id") String id) {
        return service.closeEarly(caller.requireMunicipality(), RequestParams.pathId(id, "Scaling round"), viewer(caller));
    }

    /** Who reads, from the token: see {@link Viewer}. */
    static Viewer viewer(Caller caller) {
        Optional<String> municipality = caller.municipality();
        return new Viewer(caller.hasRole(Roles.ADOPTER) ? municipality : Optional.empty(),
                caller.hasRole(Roles.PROVIDER) ? municipality : Optional.empty(), caller.hasRole(Roles.MARKETPLACE_ADMIN));
    }
}

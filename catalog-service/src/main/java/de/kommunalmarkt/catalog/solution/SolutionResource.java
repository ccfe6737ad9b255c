package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.common.web.RequestParams;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The catalog of solutions. Reading published solutions needs no login; a draft is visible to its
 * provider only (404 for everyone else, so its existence does not leak). Writes act on the caller's
 * own municipality: another municipality's solution is 404 whatever its state; 403 means the
 * caller's roles do not allow the operation at all. Commands without a body accept any content type.
 */
@Path("/api/solutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Solutions")
public class SolutionResource {

    private final SolutionService service;
    private final Caller caller;
    private final PublicCatalog catalog;
    private final HttpCaching caching;

    public SolutionResource(SolutionService service, Caller caller, PublicCatalog catalog, HttpCaching caching) {
        this.service = service;
        this.caller = caller;
        this.catalog = catalog;
        this.caching = caching;
    }

    @GET
    @PermitAll
    @Operation(summary = "Search published solutions", description = "Full text over name, summary, description and "
            + "standards (German stemming and exact words; web-search syntax), relevance first, then adoption count.")
    @APIResponse(responseCode = "200", description = "{items: [SolutionSummary], page, size, total}; ETag, 304 on If-None-Match")
    public Response search(@QueryParam("q") @Size(max = 200) String q,
            @QueryParam("category") String category, @QueryParam("operatorType") String operatorType,
            @QueryParam("hostingMode") String hostingMode, @Valid @BeanParam PageParams page,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        SearchPages.Page found = service.search(new SearchCriteria(q,
                RequestParams.queryEnum("category", category, Category.class),
                RequestParams.queryEnum("operatorType", operatorType, OperatorType.class),
                RequestParams.queryEnum("hostingMode", hostingMode, HostingMode.class)), page);
        return caching.shared(found.json(), found.etag(), ifNoneMatch).build();
    }

    @GET
    @Path("/own")
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "The caller's municipality's solutions in every state, drafts included, newest first")
    public PageResult<SolutionSummary> own(@Valid @BeanParam PageParams page) {
        return service.ofProvider(caller.requireMunicipality(), page);
    }

    /**
     * A public solution comes from this instance's rendered copy (ETag, 304 on If-None-Match; shared
     * caching only for anonymous reads); a draft, for its provider, from the database, never cached.
     * The token, if any, is checked first (an invalid one is 401).
     */
    @GET
    @Path("/{id}")
    @PermitAll
    @APIResponseSchema(value = SolutionView.class, responseCode = "200")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID solutionId = RequestParams.pathId(id, "Solution");
        Optional<String> providerViewer = caller.hasRole(Roles.PROVIDER) ? caller.municipality() : Optional.empty();
        Optional<PublicCatalog.Rendered> rendered = catalog.view(solutionId);
        Response.ResponseBuilder response;
        if (rendered.isPresent()) {
            PublicCatalog.Rendered r = rendered.get();
            response = authorization == null ? caching.shared(r.json(), r.etag(), ifNoneMatch)
                    : caching.privateCopy(r.json(), r.etag(), ifNoneMatch);
        } else {
            response = caching.personal(service.get(solutionId, providerViewer));
        }
        return response.header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
    }

    @POST
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Draft a solution for the caller's municipality")
    public Response create(@Valid @NotNull SolutionRequest request) {
        SolutionView created = service.create(caller.requireMunicipality(), request);
        return Response.created(URI.create("/api/solutions/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Replace the entry of an own draft or published solution (a published one must still pass the gate)")
    public SolutionView update(@PathParam("id") String id, @Valid @NotNull SolutionRequest request) {
        return service.update(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), request);
    }

    @POST
    @Path("/{id}/plans")
    @RolesAllowed(Roles.PROVIDER)
    public Response addPlan(@PathParam("id") String id, @Valid @NotNull PlanRequest request) {
        UUID solutionId = RequestParams.pathId(id, "Solution");
        PlanView plan = service.addPlan(caller.requireMunicipality(), solutionId, request);
        return Response.created(URI.create("/api/solutions/" + solutionId + "/plans/" + plan.id())).entity(plan).build();
    }

    @PUT
    @Path("/{id}/plans/{planId}")
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Change a plan of a draft (a published solution's plans are never changed: add one, retire the old)")
    public PlanView updatePlan(@PathParam("id") String id, @PathParam("planId") String planId,
            @Valid @NotNull PlanRequest request) {
        return service.updatePlan(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), RequestParams.pathId(planId, "Plan"), request);
    }

    @DELETE
    @Path("/{id}/plans/{planId}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Delete a plan of a draft")
    public Response deletePlan(@PathParam("id") String id, @PathParam("planId") String planId) {
        service.deletePlan(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), RequestParams.pathId(planId, "Plan"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/plans/{planId}/retire")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Stop a published solution's plan from taking new licences")
    public PlanView retirePlan(@PathParam("id") String id, @PathParam("planId") String planId) {
        return service.retirePlan(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), RequestParams.pathId(planId, "Plan"));
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Publish a draft, or 422 listing every unmet MUST criterion of the transfer-readiness gate")
    public SolutionView publish(@PathParam("id") String id) {
        return service.publish(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"));
    }

    @POST
    @Path("/{id}/deprecate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PROVIDER, Roles.MARKETPLACE_ADMIN})
    @Operation(summary = "Stop new licences of a published solution; existing licences go on")
    public SolutionView deprecate(@PathParam("id") String id) {
        UUID solutionId = RequestParams.pathId(id, "Solution");
        if (caller.hasRole(Roles.MARKETPLACE_ADMIN)) {
            return service.deprecateAny(solutionId);
        }
        return service.deprecateOwn(caller.requireMunicipality(), solutionId);
    }
}

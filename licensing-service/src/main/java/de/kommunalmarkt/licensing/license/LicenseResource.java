package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.licensing.deployment.DeploymentView;
import de.kommunalmarkt.common.web.RequestParams;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/licenses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Licences")
public class LicenseResource {

    private final LicenseService service;
    private final Caller caller;

    public LicenseResource(LicenseService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "Request a licence for the token's municipality: 201 REQUESTED, or GRANTED under AUTO approval")
    public Response request(@Valid @NotNull LicenseRequest request) {
        LicenseView created = service.request(request, caller.requireMunicipality(), caller.name());
        return Response.created(URI.create("/api/licenses/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADOPTER, Roles.PROVIDER, Roles.MARKETPLACE_ADMIN})
    @Operation(summary = "Licences in the caller's scope: its municipality's as adopter, of its solutions as provider, all for an admin")
    public PageResult<LicenseView> list(@QueryParam("state") String state, @QueryParam("solutionId") String solutionId,
            @Valid @BeanParam PageParams page) {
        return service.list(LicenseScope.of(caller), RequestParams.queryEnum("state", state, LicenseState.class),
                RequestParams.queryUuid("solutionId", solutionId), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADOPTER, Roles.PROVIDER, Roles.MARKETPLACE_ADMIN})
    @Operation(summary = "One licence with its frozen terms, current deployment and history")
    public LicenseView get(@PathParam("id") UUID id) {
        return service.get(id, LicenseScope.of(caller));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "The solution's provider grants a request")
    public LicenseView approve(@PathParam("id") UUID id) {
        return service.approve(id, LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "The solution's provider refuses a request, with a reason")
    public LicenseView reject(@PathParam("id") UUID id, @Valid @NotNull RejectRequest request) {
        return service.reject(id, request.reason(), LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "The adopter withdraws a granted licence before it is active")
    public LicenseView cancel(@PathParam("id") UUID id) {
        return service.cancel(id, LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/terminate")
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "The adopter gives notice; endsOn is a month end not before the earliest allowed date (422 names it)")
    public LicenseView terminate(@PathParam("id") UUID id, @Valid @NotNull TerminateRequest request) {
        return service.terminate(id, request.endsOn(), LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    @Operation(summary = "Stop billing from suspendedOn")
    public LicenseView suspend(@PathParam("id") UUID id, @Valid @NotNull SuspendRequest request) {
        return service.suspend(id, request.suspendedOn(), LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    @Operation(summary = "Restart billing from resumedOn")
    public LicenseView resume(@PathParam("id") UUID id, @Valid @NotNull ResumeRequest request) {
        return service.resume(id, request.resumedOn(), LicenseScope.of(caller), caller.name());
    }

    @POST
    @Path("/{id}/deployments")
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "After a failed deployment: request one again, from the same or another operator")
    public Response redeploy(@PathParam("id") UUID id, @Valid @NotNull RedeployRequest request) {
        DeploymentView created = service.redeploy(id, request.operatorId(), LicenseScope.of(caller), caller.name());
        return Response.created(URI.create("/api/deployments/" + created.id())).entity(created).build();
    }
}

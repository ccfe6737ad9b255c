package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling operator's deployment slots (the operator comes from the token only). */
@Path("/api/operators/me/capacity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
@RolesAllowed(Roles.OPERATOR)
public class CapacityResource {

    private final DeploymentService service;
    private final Caller caller;

    public CapacityResource(DeploymentService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The operator's slots: capacity, in use (requested or accepted), free, and deployments queued for a slot")
    @APIResponse(responseCode = "404", description = "Licensing does not know the operator (the directory has not sent it yet)")
    public CapacityView get() {
        return service.capacity(caller.requireOperator());
    }
}

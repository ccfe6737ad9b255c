package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.common.web.RequestParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Opening a scaling round for a solution; the rounds themselves live under {@code /api/scaling-rounds}. */
@Path("/api/solutions/{id}/scaling-rounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scaling rounds")
public class SolutionRoundResource {

    private final RoundService service;
    private final Caller caller;

    public SolutionRoundResource(RoundService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.PROVIDER)
    @Operation(summary = "Open a scaling round for an own published solution (one open round at a time)")
    public Response open(@PathParam("id") String id, @NotNull RoundRequest request) {
        RoundView opened = service.open(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), request);
        return Response.created(URI.create("/api/scaling-rounds/" + opened.id())).entity(opened).build();
    }
}

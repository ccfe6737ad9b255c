package de.kommunalmarkt.catalog.review;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviews of a solution: anyone reads them; a municipality with an active licence writes one and edits its own. */
@Path("/api/solutions/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class ReviewResource {

    private final ReviewService service;
    private final Caller caller;

    public ReviewResource(ReviewService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "Reviews of a solution, newest first")
    public PageResult<ReviewView> list(@PathParam("id") String id, @Valid @BeanParam PageParams page) {
        Optional<String> providerViewer = caller.hasRole(Roles.PROVIDER) ? caller.municipality() : Optional.empty();
        return service.list(RequestParams.pathId(id, "Solution"), providerViewer, page);
    }

    @POST
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "Review a solution the caller's municipality holds an active licence of (one per municipality)")
    public Response write(@PathParam("id") String id, @Valid @NotNull ReviewRequest request) {
        UUID solutionId = RequestParams.pathId(id, "Solution");
        ReviewView review = service.write(caller.requireMunicipality(), solutionId, request);
        return Response.created(URI.create("/api/solutions/" + solutionId + "/reviews/" + review.id())).entity(review).build();
    }

    @PUT
    @Path("/{reviewId}")
    @RolesAllowed(Roles.ADOPTER)
    @Operation(summary = "Edit the caller's municipality's own review")
    public ReviewView edit(@PathParam("id") String id, @PathParam("reviewId") String reviewId, @Valid @NotNull ReviewRequest request) {
        return service.edit(caller.requireMunicipality(), RequestParams.pathId(id, "Solution"), RequestParams.pathId(reviewId, "Review"), request);
    }
}

package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.common.web.RequestParams;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/operators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory")
public class OperatorResource {

    private final OperatorService service;

    public OperatorResource(OperatorService service) {
        this.service = service;
    }

    /** Operators, optionally of one {@code type} and serving one {@code state} (two-digit code). */
    @GET
    @Authenticated
    public PageResult<OperatorView> list(@QueryParam("type") String type, @QueryParam("state") String state,
            @Valid @BeanParam PageParams page) {
        if (state != null && !state.matches(OperatorRequest.STATE_PATTERN)) {
            throw ProblemException.badRequest("state", "must be a two-digit state code 01–16");
        }
        return service.list(RequestParams.queryEnum("type", type, OperatorType.class), state, page);
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public OperatorView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    public Response register(@Valid @NotNull OperatorRequest request) {
        OperatorView created = service.register(request);
        return Response.created(URI.create("/api/operators/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    public OperatorView update(@PathParam("id") String id, @Valid @NotNull OperatorRequest request) {
        return service.update(id, request);
    }
}

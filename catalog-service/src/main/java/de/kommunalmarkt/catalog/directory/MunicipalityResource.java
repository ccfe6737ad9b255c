package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

@Path("/api/municipalities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory")
public class MunicipalityResource {

    private final MunicipalityService service;

    public MunicipalityResource(MunicipalityService service) {
        this.service = service;
    }

    @GET
    @Authenticated
    public PageResult<MunicipalityView> list(@QueryParam("q") @Size(max = 200) String q, @Valid @BeanParam PageParams page) {
        return service.search(q, page);
    }

    @GET
    @Path("/{ags}")
    @Authenticated
    public MunicipalityView get(@PathParam("ags") String ags) {
        return service.get(ags);
    }

    @POST
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    public Response register(@Valid @NotNull MunicipalityRequest request) {
        MunicipalityView created = service.register(request);
        return Response.created(URI.create("/api/municipalities/" + created.ags())).entity(created).build();
    }

    @PUT
    @Path("/{ags}")
    @RolesAllowed(Roles.MARKETPLACE_ADMIN)
    public MunicipalityView update(@PathParam("ags") String ags, @Valid @NotNull MunicipalityRequest request) {
        return service.update(ags, request);
    }
}

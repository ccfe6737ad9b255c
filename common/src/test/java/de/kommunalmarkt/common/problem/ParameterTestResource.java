package de.kommunalmarkt.common.problem;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A list and a single resource that exist only in the tests, to send hostile query parameters and path segments. */
@Path("/test/parameters")
@Produces(MediaType.APPLICATION_JSON)
public class ParameterTestResource {

    @GET
    public PageResult<String> list(@QueryParam("q") String q, @BeanParam PageParams page) {
        return PageResult.of(q == null ? List.of() : List.of(q), page, 1);
    }

    @GET
    @Path("/{id}")
    public PageResult<String> one(@PathParam("id") String id, @QueryParam("q") String q) {
        return PageResult.of(List.of(id), new PageParams(0, 1), 1);
    }
}

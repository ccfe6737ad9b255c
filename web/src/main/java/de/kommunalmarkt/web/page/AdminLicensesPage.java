package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Every licence of the marketplace (the licensing API shows a marketplace admin all), filterable by
 * state, with the admin's two actions: suspend an active licence from a day on, resume a suspended one.
 */
@Path("/verwaltung/lizenzen")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("marketplace-admin")
public class AdminLicensesPage {

    static final int PAGE_SIZE = 50;

    /** A row's form the API refused: which licence and action, the day entered, the problem. */
    @TemplateData
    public record RowProblem(String id, String action, String day, ApiProblem problem) {
        static final RowProblem NONE = new RowProblem("", "", null, null);

        public boolean is(Object licenseId, String rowAction) {
            return problem != null && licenseId != null && id.equals(licenseId.toString()) && action.equals(rowAction);
        }

        /** The message beside the date field: the field's violation, else the problem's title and detail. */
        public String message(String field) {
            String own = problem.forField(field);
            if (own != null) {
                return own;
            }
            return problem.detail() == null ? problem.title() : problem.title() + ": " + problem.detail();
        }
    }

    @Location("AdminPage/licenses.html")
    Template licensesPage;

    @Inject
    Api api;

    @GET
    public Response licenses(@QueryParam("state") String state, @QueryParam("page") Integer page,
            @QueryParam("erledigt") String done) {
        return page(state, page, done, RowProblem.NONE, 200);
    }

    private Response page(String state, Integer page, String done, RowProblem row, int status) {
        String filter = filter(state);
        int p = Listing.index(page);
        ApiResult found = api.get(Service.LICENSING, Api.path("/api/licenses", "state", filter, "page", p,
                "size", PAGE_SIZE));
        TemplateInstance html = licensesPage.data("state", filter).data("states", LicensePage.STATES)
                .data("done", done).data("row", row).data("today", OperatorBoardPage.today())
                .data("problem", found.problem())
                .data("licenses", Listing.of(found, p, PAGE_SIZE,
                        shown -> Api.path("/verwaltung/lizenzen", "state", filter, "page", shown)));
        return Forms.again(found.ok() ? status : found.status(), html);
    }

    @POST
    @Path("/{id}/aussetzen")
    public Response suspend(@PathParam("id") String id, @RestForm String suspendedOn, @RestForm String filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("suspendedOn", Forms.value(suspendedOn));
        ApiResult done = api.post(Service.LICENSING, "/api/licenses/" + Api.seg(id) + "/suspend", body);
        return after(done, id, filter, "ausgesetzt", new RowProblem(id, "suspend", suspendedOn, done.problem()));
    }

    @POST
    @Path("/{id}/fortsetzen")
    public Response resume(@PathParam("id") String id, @RestForm String resumedOn, @RestForm String filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resumedOn", Forms.value(resumedOn));
        ApiResult done = api.post(Service.LICENSING, "/api/licenses/" + Api.seg(id) + "/resume", body);
        return after(done, id, filter, "fortgesetzt", new RowProblem(id, "resume", resumedOn, done.problem()));
    }

    /** A licence state of the filter, or null for all. */
    static String filter(String state) {
        return state != null && LicensePage.STATES.contains(state) ? state : null;
    }

    private Response after(ApiResult done, String id, String filter, String code, RowProblem row) {
        String state = filter(filter);
        if (done.ok()) {
            return Forms.seeOther(Api.path("/verwaltung/lizenzen", "state", state, "erledigt", code) + "#lizenz-"
                    + Api.seg(id));
        }
        return page(state, null, null, row, done.status());
    }
}

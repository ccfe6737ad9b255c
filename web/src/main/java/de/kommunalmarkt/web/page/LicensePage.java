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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.resteasy.reactive.RestForm;

/**
 * An adopter's licences: the list with a state filter, and one licence with its frozen terms, its
 * deployment, its history and — for the adopting municipality — the notice form. Providers and
 * marketplace admins open a single licence as far as the licensing API lets them.
 */
@Path("/lizenzen")
@Produces(MediaType.TEXT_HTML)
public class LicensePage {

    static final int PAGE_SIZE = 20;
    static final List<String> STATES = List.of("REQUESTED", "GRANTED", "ACTIVE", "SUSPENDED", "TERMINATED", "REJECTED",
            "CANCELLED");

    /** The notice form as the user filled it in, and the earliest end the API named when it refused. */
    @TemplateData
    public record NoticeForm(String endsOn, String earliestEndsOn) {
    }

    @Location("LicensePage/list.html")
    Template listPage;

    @Location("LicensePage/license.html")
    Template licensePage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @GET
    @RolesAllowed("adopter")
    public Response list(@QueryParam("state") String state, @QueryParam("page") Integer page) {
        int p = Listing.index(page);
        String s = Forms.value(state);
        ApiResult found = api.get(Service.LICENSING, Api.path("/api/licenses", "state", s, "page", p, "size", PAGE_SIZE));
        Listing licenses = Listing.of(found, p, PAGE_SIZE, shown -> Api.path("/lizenzen", "state", s, "page", shown));
        TemplateInstance html = listPage.data("licenses", licenses).data("state", s).data("states", STATES)
                .data("operators", operatorNames(api)).data("problem", found.problem());
        return Forms.again(found.ok() ? 200 : found.status(), html);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"adopter", "provider", "marketplace-admin"})
    public TemplateInstance license(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        return licensePage(id, new NoticeForm(null, null), null, done);
    }

    TemplateInstance licensePage(String id, NoticeForm notice, ApiProblem problem, String done) {
        Map<String, Object> license = api.get(Service.LICENSING, "/api/licenses/" + Api.seg(id)).map();
        String operatorName = null;
        if (license.get("operatorId") != null) {
            ApiResult operator = api.get(Service.CATALOG, "/api/operators/" + Api.seg(license.get("operatorId").toString()));
            operatorName = operator.ok() ? (String) operator.map().get("name") : null;
        }
        // Only shows the form where the licensing API would consider it (the adopting municipality,
        // a running licence without notice); the API decides again on the POST.
        boolean ownLicense = viewer.isAdopter() && viewer.getMunicipality() != null
                && Objects.equals(viewer.getMunicipality(), license.get("adopterAgs"));
        boolean running = "ACTIVE".equals(license.get("state")) || "SUSPENDED".equals(license.get("state"));
        boolean noticePossible = ownLicense && running && license.get("endsOn") == null;
        return licensePage.data("license", license).data("operatorName", operatorName).data("ownLicense", ownLicense)
                .data("noticePossible", noticePossible).data("notice", notice).data("problem", problem)
                .data("done", done);
    }

    @POST
    @Path("/{id}/kuendigung")
    @RolesAllowed("adopter")
    public Response terminate(@PathParam("id") String id, @RestForm String endsOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endsOn", Forms.value(endsOn));
        ApiResult done = api.post(Service.LICENSING, "/api/licenses/" + Api.seg(id) + "/terminate", body);
        if (done.ok()) {
            return Forms.seeOther("/lizenzen/" + Api.seg(id) + "?erledigt=gekuendigt");
        }
        String earliest = done.body() instanceof Map<?, ?> m && m.get("earliestEndsOn") instanceof String e ? e : null;
        return Forms.again(done.status(), licensePage(id, new NoticeForm(endsOn, earliest), done.problem(), null));
    }

    /** Operator id → name from the catalog's directory, for lists; an id without a name is shown as it is. */
    static Map<String, String> operatorNames(Api api) {
        Map<String, String> names = new HashMap<>();
        ApiResult found = api.get(Service.CATALOG, Api.path("/api/operators", "size", 200));
        if (found.ok()) {
            for (Object o : found.list()) {
                if (o instanceof Map<?, ?> m && m.get("id") != null) {
                    names.put(m.get("id").toString(), String.valueOf(m.get("name")));
                }
            }
        }
        return names;
    }
}

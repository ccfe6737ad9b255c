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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A provider's inbox: the licence requests for its solutions that wait for its decision (the licensing
 * API scopes the list), each with an approve button and a reject form with a reason.
 */
@Path("/anbieter/freigaben")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("provider")
public class ApprovalPage {

    static final int PAGE_SIZE = 50;

    /** The decision the API refused: on which request, the reason as typed, and the API's problem. */
    @TemplateData
    public record Refusal(String id, String reason, ApiProblem problem, boolean rowShown) {

        static final Refusal NONE = new Refusal(null, null, null, false);

        /** Whether this refusal belongs to the request shown in this row. */
        public boolean isFor(Object licenseId) {
            return problem != null && rowShown && id != null && id.equals(String.valueOf(licenseId));
        }

        /** Whether the row shows the problem itself (no field of the reject form carries it). */
        public boolean rowMessage() {
            return problem != null && problem.forField("reason") == null;
        }
    }

    @Location("ApprovalPage/inbox.html")
    Template inboxPage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @GET
    public Response inbox(@QueryParam("page") Integer page, @QueryParam("erledigt") String done) {
        return inboxPage(page, null, done, 200);
    }

    @POST
    @Path("/{id}/freigeben")
    public Response approve(@PathParam("id") String id, @RestForm Integer page) {
        ApiResult done = api.post(Service.LICENSING, "/api/licenses/" + Api.seg(id) + "/approve", null);
        if (done.ok()) {
            return Forms.seeOther("/anbieter/freigaben?erledigt=freigegeben");
        }
        return inboxPage(page, new Refusal(id, null, done.problem(), false), null, done.status());
    }

    @POST
    @Path("/{id}/ablehnen")
    public Response reject(@PathParam("id") String id, @RestForm String reason, @RestForm Integer page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", Forms.value(reason));
        ApiResult done = api.post(Service.LICENSING, "/api/licenses/" + Api.seg(id) + "/reject", body);
        if (done.ok()) {
            return Forms.seeOther("/anbieter/freigaben?erledigt=abgelehnt");
        }
        return inboxPage(page, new Refusal(id, reason, done.problem(), false), null, done.status());
    }

    private Response inboxPage(Integer page, Refusal refusal, String done, int status) {
        int p = Listing.index(page);
        ApiResult found = api.get(Service.LICENSING,
                Api.path("/api/licenses", "state", "REQUESTED", "page", p, "size", PAGE_SIZE));
        found.requireOk();
        Listing all = Listing.of(found, p, PAGE_SIZE,
                shown -> Api.path("/anbieter/freigaben", "page", shown));
        // The API's list also holds the caller's own requests where the account is an adopter as well;
        // those wait for another provider and are on /lizenzen.
        String own = viewer.getMunicipality();
        List<Object> mine = all.items().stream()
                .filter(l -> l instanceof Map<?, ?> m && Objects.equals(m.get("providerAgs"), own)).toList();
        Listing requests = new Listing(mine, all.pages() == 1 ? mine.size() : all.total(), all.page(), all.pages(),
                all.previousUrl(), all.nextUrl());
        Refusal shown = refusal == null ? Refusal.NONE : new Refusal(refusal.id(), refusal.reason(), refusal.problem(),
                mine.stream().anyMatch(l -> Objects.equals(((Map<?, ?>) l).get("id"), refusal.id())));
        TemplateInstance html = inboxPage.data("requests", requests).data("operators", LicensePage.operatorNames(api))
                .data("refusal", shown).data("done", done).data("page", p + 1);
        return Forms.again(status, html);
    }
}

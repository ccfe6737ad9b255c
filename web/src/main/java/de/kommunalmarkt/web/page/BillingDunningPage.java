package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The dunning list: invoices open after their due date, with days overdue and the level reached. */
@Path("/abrechnung/mahnungen")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("billing-admin")
public class BillingDunningPage {

    static final int PAGE_SIZE = 50;
    static final List<String> LEVELS = List.of("REMINDER", "FIRST_NOTICE", "FINAL_NOTICE");

    @Location("BillingAdminPage/dunning.html")
    Template dunningPage;

    @Inject
    Api api;

    @GET
    public Response dunning(@QueryParam("level") String level, @QueryParam("page") Integer page) {
        String chosen = Forms.value(level);
        int p = Listing.index(page);
        ApiResult found = api.get(Service.BILLING, Api.path("/api/dunning", "level", chosen, "page", p, "size", PAGE_SIZE));
        TemplateInstance html = dunningPage.data("level", chosen).data("levels", LEVELS).data("problem", found.problem())
                .data("overdue", Listing.of(found, p, PAGE_SIZE,
                        shown -> Api.path("/abrechnung/mahnungen", "level", chosen, "page", shown)));
        return Forms.filtered(found, html);
    }
}

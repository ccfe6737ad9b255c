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

/** Provider statements of a period: each provider municipality's revenue, platform fee and payout. */
@Path("/abrechnung/anbieter")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("billing-admin")
public class BillingStatementsPage {

    static final int PAGE_SIZE = 50;

    @Location("BillingAdminPage/statements.html")
    Template statementsPage;

    @Inject
    Api api;

    @GET
    public Response statements(@QueryParam("period") String period, @QueryParam("provider") String provider,
            @QueryParam("page") Integer page) {
        String chosen = Forms.value(period);
        String who = Forms.value(provider);
        int p = Listing.index(page);
        TemplateInstance html = statementsPage.data("period", chosen).data("provider", who);
        if (chosen == null) {
            return Forms.again(200, html.data("statements", null).data("problem", null));
        }
        ApiResult found = api.get(Service.BILLING, Api.path("/api/statements", "period", chosen, "provider", who,
                "page", p, "size", PAGE_SIZE));
        html.data("problem", found.problem()).data("statements", found.ok() ? Listing.of(found, p, PAGE_SIZE,
                shown -> Api.path("/abrechnung/anbieter", "period", chosen, "provider", who, "page", shown)) : null);
        return Forms.filtered(found, html);
    }
}

package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Billing's licences against licensing's events, as the billing API reconciles them: the counts of both
 * sides and the licences that differ. When the events cannot be read the page says so (503).
 */
@Path("/abrechnung/abgleich")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("billing-admin")
public class BillingReconciliationPage {

    @Location("BillingAdminPage/reconciliation.html")
    Template reconciliationPage;

    @Inject
    Api api;

    @GET
    public Response reconciliation() {
        ApiResult report = api.get(Service.BILLING, "/api/reconciliation");
        return Forms.again(report.ok() ? 200 : report.status(), reconciliationPage
                .data("report", report.ok() ? report.map() : null).data("problem", report.problem()));
    }
}

package de.kommunalmarkt.web.page;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The start address and the log-in: after Keycloak, each role lands where its work is. */
@Path("/")
public class HomePage {

    @Inject
    Viewer viewer;

    @GET
    public Response home() {
        return Forms.seeOther("/katalog");
    }

    /** Protected, so an anonymous visitor is sent to Keycloak (code flow with PKCE) and comes back here. */
    @GET
    @Path("anmelden")
    @Authenticated
    public Response login() {
        if (viewer.isOperator()) {
            return Forms.seeOther("/betrieb");
        }
        if (viewer.isBillingAdmin()) {
            return Forms.seeOther("/abrechnung");
        }
        if (viewer.isAdmin()) {
            return Forms.seeOther("/verwaltung");
        }
        if (viewer.isAdopter()) {
            return Forms.seeOther("/lizenzen");
        }
        return Forms.seeOther("/katalog");
    }
}

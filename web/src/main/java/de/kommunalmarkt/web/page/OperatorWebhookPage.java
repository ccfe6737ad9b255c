package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * An operator's webhook (licensing's {@code /api/operators/me/webhook}): the registered endpoint, a
 * form to register or move it, and the recent deliveries with their attempts and last status. The
 * signing secret the API answers with is shown once, on the answer page itself (never in an address),
 * and that page is not cached.
 */
@Path("/betrieb/webhook")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("operator")
public class OperatorWebhookPage {

    static final String WEBHOOK = "/api/operators/me/webhook";

    @Inject
    Api api;

    @Location("OperatorWebhookPage/page.html")
    Template page;

    @GET
    public TemplateInstance show(@QueryParam("seite") Integer shownPage) {
        return render(null, null, null, shownPage);
    }

    @POST
    public Response register(@RestForm String url) {
        ApiResult registered = api.put(Service.LICENSING, WEBHOOK, Map.of("url", url == null ? "" : url.strip()));
        if (!registered.ok()) {
            return Forms.again(registered.status(), render(url, null, registered.problem(), null));
        }
        Object secret = registered.map().get("secret");
        return Response.ok(render(url, secret == null ? null : secret.toString(), null, null))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

    private TemplateInstance render(String url, String secret, ApiProblem problem, Integer shownPage) {
        ApiResult current = api.get(Service.LICENSING, WEBHOOK);
        Map<String, Object> webhook = current.ok() ? current.map() : null;
        if (!current.ok() && current.status() != 404) {
            current.requireOk();
        }
        int index = Listing.index(shownPage);
        ApiResult deliveries = api.get(Service.LICENSING, Api.path(WEBHOOK + "/deliveries", "page", index, "size", 25));
        List<Object> items = deliveries.ok() ? deliveries.list() : List.of();
        long total = deliveries.ok() ? ((Number) deliveries.map().getOrDefault("total", 0)).longValue() : 0;
        return page.data("webhook", webhook).data("url", url != null ? url : webhook == null ? null : webhook.get("url"))
                .data("secret", secret).data("problem", problem).data("deliveries", items).data("total", total)
                .data("shown", index + 1).data("pages", Math.max(1, (total + 24) / 25));
    }
}

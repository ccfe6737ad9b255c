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
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The dead letters of each service (events a consumer could not apply), newest first, with the way to
 * replay one or all of a service's after a fix; each service replays its own through its consumer.
 */
@Path("/verwaltung/dead-letters")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("marketplace-admin")
public class AdminDeadLettersPage {

    static final int PAGE_SIZE = 50;

    /** A service as this page names it: its slug in addresses and ids, its German name. */
    @TemplateData
    public record Source(String slug, String name, String ofName, Service service) {
    }

    static final List<Source> SOURCES = List.of(new Source("katalog", "Katalog", "des Katalogs", Service.CATALOG),
            new Source("lizenzen", "Lizenzdienst", "des Lizenzdienstes", Service.LICENSING),
            new Source("abrechnung", "Abrechnungsdienst", "des Abrechnungsdienstes", Service.BILLING));

    /** One service's dead letters (or why they could not be read). */
    @TemplateData
    public record Letters(Source source, List<Object> items, long total, ApiProblem problem) {
    }

    /** What the last replay did, as the redirect after it carries it (numbers and a slug only). */
    @TemplateData
    public record Replayed(String service, Integer applied, Integer duplicate, Integer failed) {
    }

    @Location("AdminPage/dead-letters.html")
    Template deadLettersPage;

    @Inject
    Api api;

    @GET
    public TemplateInstance deadLetters(@QueryParam("topic") String topic, @QueryParam("erledigt") String done,
            @QueryParam("dienst") String service, @QueryParam("angewendet") Integer applied,
            @QueryParam("doppelt") Integer duplicate, @QueryParam("fehler") Integer failed) {
        Replayed replayed = "wiederholt".equals(done) ? new Replayed(name(service), applied, duplicate, failed) : null;
        return page(Forms.value(topic), replayed, null);
    }

    private TemplateInstance page(String topic, Replayed replayed, ApiProblem problem) {
        List<Letters> letters = new ArrayList<>();
        for (Source source : SOURCES) {
            ApiResult found = api.get(source.service(), Api.path("/api/admin/dead-letters", "topic", topic,
                    "size", PAGE_SIZE));
            long total = found.ok() && found.map().get("total") instanceof Number n ? n.longValue() : 0;
            letters.add(new Letters(source, found.ok() ? found.list() : List.of(), total, found.problem()));
        }
        return deadLettersPage.data("topic", topic).data("letters", letters).data("replayed", replayed)
                .data("problem", problem);
    }

    /** Replays one dead letter ({@code id}) or, with {@code all}, every one of the service not replayed yet. */
    @POST
    @Path("/{service}/wiederholen")
    public Response replay(@PathParam("service") String slug, @RestForm String id, @RestForm String all,
            @RestForm String topic) {
        Source source = SOURCES.stream().filter(s -> s.slug().equals(slug)).findFirst()
                .orElseThrow(NotFoundException::new);
        Map<String, Object> body;
        if ("true".equals(all)) {
            body = Map.of("all", true);
        } else {
            Long letter;
            try {
                letter = Long.valueOf(id == null ? "" : id.strip());
            } catch (NumberFormatException e) {
                return Forms.again(400, page(Forms.value(topic), null,
                        Forms.invalid("ids", "Bitte wählen Sie einen Dead Letter aus der Liste.")));
            }
            body = Map.of("ids", List.of(letter));
        }
        ApiResult report = api.post(source.service(), "/api/admin/dead-letters/replay", body);
        if (report.ok()) {
            Map<String, Object> r = report.map();
            return Forms.seeOther(Api.path("/verwaltung/dead-letters", "topic", Forms.value(topic), "erledigt",
                    "wiederholt", "dienst", source.slug(), "angewendet", r.get("applied"), "doppelt", r.get("duplicate"),
                    "fehler", r.get("failed")) + "#ergebnis");
        }
        return Forms.again(report.status(), page(Forms.value(topic), null, report.problem()));
    }

    private static String name(String slug) {
        return SOURCES.stream().filter(s -> s.slug().equals(slug)).map(Source::name).findFirst().orElse(null);
    }
}

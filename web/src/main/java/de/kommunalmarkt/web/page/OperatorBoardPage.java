package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The operator's live deployment board: its deployments (the licensing API scopes them to the caller's
 * operator) filterable by state, with the operator's slots as licensing counts them (capacity, in use,
 * free), and per deployment the next step (accept, report live, report failed). New and changed deployments appear without a reload:
 * the page listens to {@code /betrieb/ereignisse} (the licensing stream, relayed) and reloads its table
 * from {@code /betrieb/tabelle}.
 */
@Path("/betrieb")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("operator")
public class OperatorBoardPage {

    static final int SIZE = 200;
    static final List<String> STATES = List.of("QUEUED", "REQUESTED", "ACCEPTED", "COMPLETED", "FAILED", "CANCELLED");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The board as shown: the filter, the deployments, the counts per state and the municipalities' names. */
    @TemplateData
    public record Board(String filter, List<Object> deployments, long total, Map<String, Object> counts,
            Map<String, String> names, Map<String, Object> operator, Map<String, Object> slots, ApiProblem listProblem) {

        /** The table's own address (it reloads itself on each event). */
        public String tableUrl() {
            return Api.path("/betrieb/tabelle", "state", filter);
        }

        public String allUrl() {
            return "/betrieb";
        }

        public String filterUrl(String state) {
            return Api.path("/betrieb", "state", state);
        }

        public String name(Object ags) {
            return ags == null ? "" : names.getOrDefault(ags.toString(), "");
        }
    }

    /**
     * A row's form the API refused: which deployment and action, what the user entered, and the problem
     * shown beside it.
     */
    @TemplateData
    public record RowProblem(String id, String action, String liveOn, String reason, ApiProblem problem) {

        static final RowProblem NONE = new RowProblem("", "", null, null, null);

        public boolean is(Object deploymentId, String rowAction) {
            return problem != null && deploymentId != null && id.equals(deploymentId.toString()) && action.equals(rowAction);
        }
    }

    @Location("OperatorBoardPage/board.html")
    Template boardPage;

    @Location("OperatorBoardPage/table.html")
    Template tablePage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @Inject
    OperatorBoardRelay relay;

    @GET
    public TemplateInstance board(@QueryParam("state") String state, @QueryParam("erledigt") String done) {
        return boardPage(filter(state), null, done);
    }

    /** Only the table: what the page loads again when the stream reports a change. */
    @GET
    @Path("/tabelle")
    public TemplateInstance table(@QueryParam("state") String state) {
        return tablePage.data("board", board(filter(state))).data("row", RowProblem.NONE).data("today", today());
    }

    /**
     * The operator's deployment events for the browser ({@code text/event-stream}): one {@code deployment}
     * event per change upstream. Blocking: connecting to the licensing stream waits for its answer.
     */
    @GET
    @Path("/ereignisse")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> events(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        String operator = viewer.getOperator();
        String after = relay.resumeFrom(operator, lastEventId);
        Optional<Stream<String>> upstream = api.lines(Service.LICENSING,
                Api.path("/api/deployments/stream", "lastEventId", after));
        boolean fromStart = after == null;
        if (upstream.isEmpty() && after != null) {
            // a number the licensing stream no longer knows (its data was reset): from the start
            upstream = api.lines(Service.LICENSING, "/api/deployments/stream");
            fromStart = true;
        }
        boolean replay = fromStart;
        return upstream.map(lines -> relay.relay(operator, lines, replay, sse)).orElseGet(() -> relay.refused(sse));
    }

    @POST
    @Path("/{id}/annehmen")
    public Response accept(@PathParam("id") String id, @RestForm String filter) {
        ApiResult done = api.post(Service.LICENSING, "/api/deployments/" + Api.seg(id) + "/accept", Map.of());
        return after(done, filter, "angenommen", new RowProblem(id, "accept", null, null, done.problem()));
    }

    @POST
    @Path("/{id}/abschliessen")
    public Response complete(@PathParam("id") String id, @RestForm String liveOn, @RestForm String filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("liveOn", Forms.value(liveOn));
        ApiResult done = api.post(Service.LICENSING, "/api/deployments/" + Api.seg(id) + "/complete", body);
        return after(done, filter, "abgeschlossen", new RowProblem(id, "complete", liveOn, null, done.problem()));
    }

    @POST
    @Path("/{id}/fehlschlag")
    public Response fail(@PathParam("id") String id, @RestForm String reason, @RestForm String filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", Forms.value(reason));
        ApiResult done = api.post(Service.LICENSING, "/api/deployments/" + Api.seg(id) + "/fail", body);
        return after(done, filter, "fehlgeschlagen", new RowProblem(id, "fail", null, reason, done.problem()));
    }

    private Response after(ApiResult done, String filter, String code, RowProblem row) {
        String state = filter(filter);
        if (done.ok()) {
            return Forms.seeOther(Api.path("/betrieb", "state", state, "erledigt", code) + "#deployment-" + Api.seg(row.id()));
        }
        return Forms.again(done.status(), boardPage(state, row, null));
    }

    private TemplateInstance boardPage(String state, RowProblem row, String done) {
        return boardPage.data("board", board(state)).data("row", row == null ? RowProblem.NONE : row).data("done", done).data("today", today())
                .data("states", STATES);
    }

    private Board board(String state) {
        ApiResult found = api.get(Service.LICENSING, Api.path("/api/deployments", "state", state, "size", SIZE));
        List<Object> deployments = found.ok() ? found.list() : List.of();
        long total = found.ok() && found.map().get("total") instanceof Number n ? n.longValue() : deployments.size();
        Map<String, Object> counts = new HashMap<>();
        for (String s : STATES) {
            ApiResult count = api.get(Service.LICENSING, Api.path("/api/deployments", "state", s, "size", 1));
            counts.put(s, count.ok() ? count.map().get("total") : null);
        }
        Map<String, String> names = new HashMap<>();
        for (Object d : deployments) {
            if (d instanceof Map<?, ?> m && m.get("adopterAgs") instanceof String ags && !names.containsKey(ags)) {
                ApiResult municipality = api.get(Service.CATALOG, "/api/municipalities/" + Api.seg(ags));
                names.put(ags, municipality.ok() && municipality.map().get("name") instanceof String n ? n : "");
            }
        }
        Map<String, Object> operator = null;
        if (viewer.getOperator() != null) {
            ApiResult op = api.get(Service.CATALOG, "/api/operators/" + Api.seg(viewer.getOperator()));
            operator = op.ok() ? op.map() : null;
        }
        // the slots as licensing counts them (capacity, in use, free, queued): the web counts nothing itself
        ApiResult capacity = api.get(Service.LICENSING, "/api/operators/me/capacity");
        Map<String, Object> slots = capacity.ok() ? capacity.map() : null;
        return new Board(state, deployments, total, counts, names, operator, slots, found.problem());
    }

    /** A state of the filter, or null for all (anything else is no filter). */
    static String filter(String state) {
        return state != null && STATES.contains(state) ? state : null;
    }

    static String today() {
        return LocalDate.now(BERLIN).toString();
    }
}

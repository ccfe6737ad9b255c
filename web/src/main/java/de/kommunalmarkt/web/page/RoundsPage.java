package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import de.kommunalmarkt.web.page.ProviderSolutionsPage.Errors;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Scaling rounds for everyone (anonymous too): the list with totals, a round's page with its
 * progress and purposes; adopters pledge and withdraw there, the round's provider sees the pledges
 * (when the catalog shows them) and closes the round early. Rounds are opened on the provider's
 * solution page ({@link ProviderSolutionsPage}).
 */
@Path("/skalierungsrunden")
@Produces(MediaType.TEXT_HTML)
public class RoundsPage {

    static final int PAGE_SIZE = 20;
    static final List<String> STATES = List.of("OPEN", "SUCCEEDED", "FAILED");

    /** The list's filter. */
    @TemplateData
    public record Filter(String state) {
        public String pageUrl(int shownPage) {
            return Api.path("/skalierungsrunden", "status", state, "seite", shownPage);
        }
    }

    /** The pledge form's values. */
    @TemplateData
    public record PledgeForm(String contribution, String commitPlanId, String commitOperatorId) {
    }

    /** How far a round is: the share of the target pledged, for the progress bar and its text. */
    @TemplateData
    public record Progress(BigDecimal pledged, BigDecimal target, BigDecimal share) {
        /** The value of the progress element (it cannot show more than its maximum). */
        public BigDecimal value() {
            return pledged.min(target);
        }
    }

    @Location("RoundsPage/list.html")
    Template listPage;

    @Location("RoundsPage/round.html")
    Template roundPage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @GET
    public Response list(@QueryParam("status") String state, @QueryParam("seite") Integer page) {
        int p = Listing.index(page);
        String s = Forms.value(state);
        ApiResult found = api.get(Service.CATALOG, Api.path("/api/scaling-rounds", "state", s, "page", p, "size", PAGE_SIZE));
        if (!found.ok() && found.status() != 400) {
            found.requireOk();
        }
        Filter filter = new Filter(s);
        TemplateInstance html = listPage.data("rounds", Listing.of(found, p, PAGE_SIZE, filter::pageUrl)).data("filter", filter)
                .data("states", STATES).data("problem", found.problem())
                .data("errors", new Errors("filter", found.problem()));
        return Forms.again(found.ok() ? 200 : 400, html);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance round(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        return roundPage(id, null, Errors.NONE, done);
    }

    @SuppressWarnings("unchecked")
    TemplateInstance roundPage(String id, PledgeForm form, Errors errors, String done) {
        Map<String, Object> round = api.get(Service.CATALOG, "/api/scaling-rounds/" + Api.seg(id)).map();
        ApiResult solutionResult = api.get(Service.CATALOG,
                "/api/solutions/" + Api.seg(String.valueOf(round.get("solutionId"))));
        Map<String, Object> solution = solutionResult.ok() ? solutionResult.map() : Map.of();
        List<Object> plans = ProviderSolutionsPage.list(solution.get("plans")).stream()
                .filter(o -> o instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("active"))).map(o -> (Object) o).toList();
        Map<String, String> planNames = new LinkedHashMap<>();
        for (Object o : ProviderSolutionsPage.list(solution.get("plans"))) {
            Map<String, Object> plan = (Map<String, Object>) o;
            planNames.put(String.valueOf(plan.get("id")), String.valueOf(plan.get("name")));
        }
        boolean open = "OPEN".equals(round.get("state"));
        String municipality = viewer.getMunicipality();
        boolean ownRound = municipality != null && municipality.equals(round.get("providerAgs"));
        boolean mayPledge = viewer.isAdopter() && open && !ownRound;
        List<Object> operators = List.of();
        Map<String, String> operatorNames = new LinkedHashMap<>();
        if (viewer.isLoggedIn() && (mayPledge || round.get("pledges") != null || round.get("myPledge") != null)) {
            ApiResult found = api.get(Service.CATALOG, Api.path("/api/operators", "size", 200));
            List<?> supported = ProviderSolutionsPage.list(solution.get("supportedOperatorTypes"));
            if (found.ok()) {
                for (Object o : found.list()) {
                    Map<String, Object> op = (Map<String, Object>) o;
                    operatorNames.put(String.valueOf(op.get("id")), String.valueOf(op.get("name")));
                }
                operators = found.list().stream().filter(o -> o instanceof Map<?, ?> m
                        && supported.contains(m.get("operatorType"))).toList();
            }
        }
        Map<String, Object> mine = round.get("myPledge") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (form == null) {
            form = mine == null ? new PledgeForm(null, null, null)
                    : new PledgeForm(amountText(mine.get("contribution")), text(mine.get("commitPlanId")),
                            text(mine.get("commitOperatorId")));
        }
        return roundPage.data("round", round).data("solution", solution).data("plans", plans)
                .data("planNames", planNames).data("operators", operators).data("operatorNames", operatorNames)
                .data("progress", progress(round)).data("form", form).data("errors", errors)
                .data("done", done).data("mayPledge", mayPledge).data("ownRound", ownRound)
                .data("mayClose", viewer.isProvider() && ownRound && open);
    }

    @POST
    @Path("/{id}/zusage")
    @RolesAllowed("adopter")
    public Response pledge(@PathParam("id") String id, @RestForm String contribution, @RestForm String commitPlanId,
            @RestForm String commitOperatorId) {
        PledgeForm form = new PledgeForm(contribution, commitPlanId, commitOperatorId);
        ProviderSolutionsPage.Input in = new ProviderSolutionsPage.Input();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contribution", in.amount("contribution", contribution));
        body.put("commitPlanId", Forms.value(commitPlanId));
        body.put("commitOperatorId", Forms.value(commitOperatorId));
        if (in.problem() != null) {
            return Forms.again(400, roundPage(id, form, new Errors("zusage", in.problem()), null));
        }
        ApiResult pledged = api.post(Service.CATALOG, "/api/scaling-rounds/" + Api.seg(id) + "/pledges", body);
        if (pledged.ok()) {
            return Forms.seeOther("/skalierungsrunden/" + Api.seg(id) + "?erledigt=zugesagt");
        }
        return refusedOrPage(pledged, () -> roundPage(id, form, new Errors("zusage", pledged.problem()), null));
    }

    @POST
    @Path("/{id}/zusage/zurueckziehen")
    @RolesAllowed("adopter")
    public Response withdraw(@PathParam("id") String id) {
        ApiResult withdrawn = api.delete(Service.CATALOG, "/api/scaling-rounds/" + Api.seg(id) + "/pledges/mine");
        if (withdrawn.ok()) {
            return Forms.seeOther("/skalierungsrunden/" + Api.seg(id) + "?erledigt=zurueckgezogen");
        }
        return refusedOrPage(withdrawn, () -> roundPage(id, null, new Errors("zurueckziehen", withdrawn.problem()), null));
    }

    @POST
    @Path("/{id}/schliessen")
    @RolesAllowed("provider")
    public Response close(@PathParam("id") String id) {
        ApiResult closed = api.post(Service.CATALOG, "/api/scaling-rounds/" + Api.seg(id) + "/close", null);
        if (closed.ok()) {
            return Forms.seeOther("/skalierungsrunden/" + Api.seg(id) + "?erledigt=geschlossen");
        }
        return refusedOrPage(closed, () -> roundPage(id, null, new Errors("schliessen", closed.problem()), null));
    }

    /**
     * A refusal on the round's page, next to the form it concerns (a withdrawal without a pledge is the
     * catalog's 404 too); a round that does not exist is the error page, as the page itself asks for it.
     */
    private static Response refusedOrPage(ApiResult result, java.util.function.Supplier<TemplateInstance> page) {
        if (result.status() == 401 || result.status() == 503) {
            result.requireOk();
        }
        return Forms.again(result.status(), page.get());
    }

    static Progress progress(Map<String, Object> round) {
        BigDecimal pledged = orZero(Labels.decimal(round.get("pledgedTotal")));
        BigDecimal target = orZero(Labels.decimal(round.get("target")));
        BigDecimal share = target.signum() == 0 ? BigDecimal.ZERO : pledged.divide(target, 4, RoundingMode.HALF_UP);
        return new Progress(pledged, target, share);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** An amount from the API as the form shows it, German style ("25000,5" → "25.000,50"). */
    static String amountText(Object value) {
        BigDecimal v = Labels.decimal(value);
        if (v == null || v.signum() == 0) {
            return null;
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(java.util.Locale.GERMANY);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(v);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

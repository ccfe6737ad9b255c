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
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The catalog for everyone: search with filters and paging, a solution's page with its quality
 * profile, plans (with the price for the viewer's municipality), adoption and reviews; adopters
 * request a licence and review from there.
 */
@Path("/katalog")
@Produces(MediaType.TEXT_HTML)
public class CatalogPage {

    static final int PAGE_SIZE = 10;
    static final List<String> CATEGORIES = List.of("MOBILITY", "PARTICIPATION", "CITIZEN_SERVICES", "ADMINISTRATION",
            "ENVIRONMENT_AND_CLIMATE", "ENERGY", "URBAN_DATA", "EDUCATION", "HEALTH_AND_SOCIAL", "PUBLIC_SAFETY",
            "TOURISM_AND_CULTURE", "INFRASTRUCTURE");
    static final List<String> OPERATOR_TYPES = List.of("SELF_OPERATED", "REGIONAL_IT_PROVIDER", "PRIVATE_IT_PROVIDER",
            "CIVIL_SOCIETY");
    static final List<String> HOSTING_MODES = List.of("ON_PREMISES", "CLOUD", "SAAS");

    /** The search form as the user filled it in. */
    @TemplateData
    public record Search(String q, String category, String operatorType, String hostingMode, int page) {
        /** The address of another page of the same search (page counted from 1, as shown). */
        public String pageUrl(int shownPage) {
            return Api.path("/katalog", "q", q, "category", category, "operatorType", operatorType,
                    "hostingMode", hostingMode, "page", shownPage);
        }
    }

    /** The licence request form's values, kept when the API refuses. */
    @TemplateData
    public record RequestForm(String planId, String operatorId) {
    }

    /** The review form's values. */
    @TemplateData
    public record ReviewForm(String rating, String text) {
    }

    @Location("CatalogPage/search.html")
    Template searchPage;

    @Location("CatalogPage/solution.html")
    Template solutionPage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("operatorType") String operatorType, @QueryParam("hostingMode") String hostingMode,
            @QueryParam("page") Integer page) {
        int p = Listing.index(page);
        Search search = new Search(Forms.value(q), Forms.value(category), Forms.value(operatorType),
                Forms.value(hostingMode), p);
        ApiResult found = api.get(Service.CATALOG, Api.path("/api/solutions", "q", search.q(), "category",
                search.category(), "operatorType", search.operatorType(), "hostingMode", search.hostingMode(),
                "page", p, "size", PAGE_SIZE));
        TemplateInstance html = searchPage.data("search", search).data("results", Listing.of(found, p, PAGE_SIZE,
                        search::pageUrl))
                .data("categories", CATEGORIES).data("operatorTypes", OPERATOR_TYPES)
                .data("hostingModes", HOSTING_MODES).data("problem", found.problem());
        return Forms.filtered(found, html);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance solution(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        return solutionPage(id, new RequestForm(null, null), new ReviewForm(null, null), null, done);
    }

    /** Shown after a success (done) or with a refusal (problem) of one of its forms. */
    TemplateInstance solutionPage(String id, RequestForm request, ReviewForm review, ApiProblem problem, String done) {
        Map<String, Object> solution = api.get(Service.CATALOG, "/api/solutions/" + Api.seg(id)).map();
        Map<String, Object> prices = null;
        List<Object> operators = List.of();
        if (viewer.getMunicipality() != null) {
            ApiResult preview = api.get(Service.BILLING, Api.path("/api/price-preview", "solutionId", id));
            prices = preview.ok() ? preview.map() : null;
        }
        if (viewer.isAdopter()) {
            ApiResult found = api.get(Service.CATALOG, Api.path("/api/operators", "size", 100));
            List<?> supported = (List<?>) solution.getOrDefault("supportedOperatorTypes", List.of());
            operators = found.ok() ? found.list().stream().filter(o -> o instanceof Map<?, ?> m
                    && supported.contains(m.get("operatorType"))).toList() : List.of();
        }
        ApiResult reviews = api.get(Service.CATALOG, Api.path("/api/solutions/" + Api.seg(id) + "/reviews", "size", 20));
        return solutionPage.data("solution", solution).data("prices", prices).data("operators", operators)
                .data("reviews", reviews.ok() ? reviews.list() : List.of()).data("request", request)
                .data("review", review).data("problem", problem).data("done", done)
                .data("stars", List.of("5", "4", "3", "2", "1"));
    }

    @POST
    @Path("/{id}/lizenz")
    @RolesAllowed("adopter")
    public Response requestLicense(@PathParam("id") String id, @RestForm String planId, @RestForm String operatorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("solutionId", id);
        body.put("planId", Forms.value(planId));
        body.put("operatorId", Forms.value(operatorId));
        ApiResult created = api.post(Service.LICENSING, "/api/licenses", body);
        if (created.ok()) {
            return Forms.seeOther("/lizenzen/" + Api.seg(String.valueOf(created.map().get("id"))) + "?erledigt=beantragt");
        }
        return Forms.again(created.status(), solutionPage(id, new RequestForm(planId, operatorId),
                new ReviewForm(null, null), created.problem(), null));
    }

    @POST
    @Path("/{id}/bewertung")
    @RolesAllowed("adopter")
    public Response review(@PathParam("id") String id, @RestForm String rating, @RestForm String text) {
        ReviewForm form = new ReviewForm(rating, text);
        int stars;
        try {
            stars = Integer.parseInt(rating == null ? "" : rating.strip());
        } catch (NumberFormatException e) {
            return Forms.again(400, solutionPage(id, new RequestForm(null, null), form,
                    Forms.invalid("rating", "Bitte wählen Sie 1 bis 5 Sterne."), null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rating", stars);
        body.put("text", Forms.value(text));
        ApiResult written = api.post(Service.CATALOG, "/api/solutions/" + Api.seg(id) + "/reviews", body);
        if (written.ok()) {
            return Forms.seeOther("/katalog/" + Api.seg(id) + "?erledigt=bewertet#bewertungen");
        }
        return Forms.again(written.status(), solutionPage(id, new RequestForm(null, null), form, written.problem(), null));
    }

    static BigDecimal number(Object value) {
        return Labels.decimal(value);
    }
}

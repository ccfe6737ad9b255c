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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The marketplace admin's directory: municipalities (search, register, edit: inhabitants, Leitweg-ID,
 * billing address, contact) and operators (register, edit: name, type, states served, capacity,
 * contact), all through the catalog API. Licences and dead letters are in {@link AdminLicensesPage} and
 * {@link AdminDeadLettersPage}.
 */
@Path("/verwaltung")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("marketplace-admin")
public class AdminPage {

    static final int PAGE_SIZE = 50;

    /** The sixteen German states by their two-digit code (the AGS's first two digits). */
    static final List<State> STATES = List.of(new State("01", "Schleswig-Holstein"), new State("02", "Hamburg"),
            new State("03", "Niedersachsen"), new State("04", "Bremen"), new State("05", "Nordrhein-Westfalen"),
            new State("06", "Hessen"), new State("07", "Rheinland-Pfalz"), new State("08", "Baden-Württemberg"),
            new State("09", "Bayern"), new State("10", "Saarland"), new State("11", "Berlin"), new State("12", "Brandenburg"),
            new State("13", "Mecklenburg-Vorpommern"), new State("14", "Sachsen"), new State("15", "Sachsen-Anhalt"),
            new State("16", "Thüringen"));

    static final Map<String, String> STATE_NAMES = STATES.stream()
            .collect(java.util.stream.Collectors.toMap(State::code, State::name));

    @TemplateData
    public record State(String code, String name) {
    }

    /** The municipality form as entered (or as the directory has it). */
    @TemplateData
    public record MunicipalityForm(String ags, String name, String inhabitants, String leitwegId, String street,
            String postalCode, String city, String countryCode, String contactEmail) {

        static MunicipalityForm empty() {
            return new MunicipalityForm(null, null, null, null, null, null, null, "DE", null);
        }

        static MunicipalityForm of(Map<String, Object> m) {
            Map<?, ?> address = m.get("billingAddress") instanceof Map<?, ?> a ? a : Map.of();
            return new MunicipalityForm(text(m.get("ags")), text(m.get("name")), text(m.get("inhabitants")),
                    text(m.get("leitwegId")), text(address.get("street")), text(address.get("postalCode")),
                    text(address.get("city")), text(address.get("countryCode")), text(m.get("contactEmail")));
        }
    }

    /** The operator form as entered (or as the directory has it). */
    @TemplateData
    public record OperatorForm(String id, String name, String operatorType, List<String> statesServed, String capacity,
            String contactEmail) {

        static OperatorForm empty() {
            return new OperatorForm(null, null, null, List.of(), null, null);
        }

        @SuppressWarnings("unchecked")
        static OperatorForm of(Map<String, Object> m) {
            List<String> states = m.get("statesServed") instanceof List<?> l ? (List<String>) l : List.of();
            return new OperatorForm(text(m.get("id")), text(m.get("name")), text(m.get("operatorType")), states,
                    text(m.get("capacity")), text(m.get("contactEmail")));
        }

        public boolean serves(String state) {
            return statesServed != null && statesServed.contains(state);
        }
    }

    @Location("AdminPage/directory.html")
    Template directoryPage;

    @Location("AdminPage/municipality.html")
    Template municipalityPage;

    @Location("AdminPage/operator.html")
    Template operatorPage;

    @Inject
    Api api;

    @GET
    public Response directory(@QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("erledigt") String done) {
        String query = Forms.value(q);
        int p = Listing.index(page);
        ApiResult municipalities = api.get(Service.CATALOG, Api.path("/api/municipalities", "q", query, "page", p,
                "size", PAGE_SIZE));
        ApiResult operators = api.get(Service.CATALOG, Api.path("/api/operators", "size", 200));
        TemplateInstance html = directoryPage.data("q", query).data("done", done)
                .data("municipalities", Listing.of(municipalities, p, PAGE_SIZE,
                        shown -> Api.path("/verwaltung", "q", query, "page", shown) + "#kommunen-titel"))
                .data("operators", operators.ok() ? operators.list() : List.of())
                .data("problem", municipalities.ok() ? operators.problem() : municipalities.problem())
                .data("stateNames", STATE_NAMES);
        return Forms.filtered(municipalities, html);
    }

    // ---- municipalities

    @GET
    @Path("/kommunen/neu")
    public TemplateInstance newMunicipality() {
        return municipalityPage.data("form", MunicipalityForm.empty()).data("existing", false).data("problem", null)
                .data("done", null);
    }

    @GET
    @Path("/kommunen/{ags}")
    public TemplateInstance municipality(@PathParam("ags") String ags, @QueryParam("erledigt") String done) {
        Map<String, Object> found = api.get(Service.CATALOG, "/api/municipalities/" + Api.seg(ags)).map();
        return municipalityPage.data("form", MunicipalityForm.of(found)).data("existing", true).data("problem", null)
                .data("done", done).data("current", found);
    }

    @POST
    @Path("/kommunen")
    public Response registerMunicipality(@RestForm String ags, @RestForm String name, @RestForm String inhabitants,
            @RestForm String leitwegId, @RestForm String street, @RestForm String postalCode, @RestForm String city,
            @RestForm String countryCode, @RestForm String contactEmail) {
        MunicipalityForm form = new MunicipalityForm(ags, name, inhabitants, leitwegId, street, postalCode, city,
                countryCode, contactEmail);
        return saveMunicipality(form, null);
    }

    @POST
    @Path("/kommunen/{ags}")
    public Response updateMunicipality(@PathParam("ags") String existing, @RestForm String name,
            @RestForm String inhabitants, @RestForm String leitwegId, @RestForm String street,
            @RestForm String postalCode, @RestForm String city, @RestForm String countryCode,
            @RestForm String contactEmail) {
        MunicipalityForm form = new MunicipalityForm(existing, name, inhabitants, leitwegId, street, postalCode, city,
                countryCode, contactEmail);
        return saveMunicipality(form, existing);
    }

    private Response saveMunicipality(MunicipalityForm form, String existing) {
        Long inhabitants;
        try {
            inhabitants = wholeNumber(form.inhabitants());
        } catch (NumberFormatException e) {
            return Forms.again(400, municipalityAgain(form, existing,
                    Forms.invalid("inhabitants", "Bitte die Einwohnerzahl als ganze Zahl eingeben, z. B. 1.084.831.")));
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", Forms.value(form.street()));
        address.put("postalCode", Forms.value(form.postalCode()));
        address.put("city", Forms.value(form.city()));
        address.put("countryCode", Forms.value(form.countryCode()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ags", Forms.value(form.ags()));
        body.put("name", Forms.value(form.name()));
        body.put("inhabitants", inhabitants);
        body.put("leitwegId", Forms.value(form.leitwegId()));
        body.put("billingAddress", address);
        body.put("contactEmail", Forms.value(form.contactEmail()));
        ApiResult saved = existing == null ? api.post(Service.CATALOG, "/api/municipalities", body)
                : api.put(Service.CATALOG, "/api/municipalities/" + Api.seg(existing), body);
        if (saved.ok()) {
            String ags = String.valueOf(saved.map().get("ags"));
            return Forms.seeOther("/verwaltung/kommunen/" + Api.seg(ags) + "?erledigt="
                    + (existing == null ? "registriert" : "gespeichert"));
        }
        return Forms.again(saved.status(), municipalityAgain(form, existing, saved.problem()));
    }

    private TemplateInstance municipalityAgain(MunicipalityForm form, String existing, ApiProblem problem) {
        TemplateInstance page = municipalityPage.data("form", form).data("existing", existing != null)
                .data("problem", problem).data("done", null);
        if (existing != null) {
            ApiResult current = api.get(Service.CATALOG, "/api/municipalities/" + Api.seg(existing));
            page.data("current", current.ok() ? current.map() : null);
        }
        return page;
    }

    // ---- operators

    @GET
    @Path("/betreiber/neu")
    public TemplateInstance newOperator() {
        return operatorPage(OperatorForm.empty(), false, null, null);
    }

    @GET
    @Path("/betreiber/{id}")
    public TemplateInstance operator(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        Map<String, Object> found = api.get(Service.CATALOG, "/api/operators/" + Api.seg(id)).map();
        return operatorPage(OperatorForm.of(found), true, null, done).data("current", found);
    }

    private TemplateInstance operatorPage(OperatorForm form, boolean existing, ApiProblem problem, String done) {
        return operatorPage.data("form", form).data("existing", existing).data("problem", problem).data("done", done)
                .data("states", STATES).data("types", CatalogPage.OPERATOR_TYPES).data("current", null);
    }

    @POST
    @Path("/betreiber")
    public Response registerOperator(@RestForm String id, @RestForm String name, @RestForm String operatorType,
            @RestForm List<String> statesServed, @RestForm String capacity, @RestForm String contactEmail) {
        return saveOperator(new OperatorForm(id, name, operatorType, statesServed == null ? List.of() : statesServed,
                capacity, contactEmail), null);
    }

    @POST
    @Path("/betreiber/{id}")
    public Response updateOperator(@PathParam("id") String existing, @RestForm String name,
            @RestForm String operatorType, @RestForm List<String> statesServed, @RestForm String capacity,
            @RestForm String contactEmail) {
        return saveOperator(new OperatorForm(existing, name, operatorType,
                statesServed == null ? List.of() : statesServed, capacity, contactEmail), existing);
    }

    private Response saveOperator(OperatorForm form, String existing) {
        Long capacity;
        try {
            capacity = wholeNumber(form.capacity());
        } catch (NumberFormatException e) {
            return Forms.again(400, operatorPage(form, existing != null,
                    Forms.invalid("capacity", "Bitte die Kapazität als ganze Zahl eingeben."), null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Forms.value(form.id()));
        body.put("name", Forms.value(form.name()));
        body.put("operatorType", Forms.value(form.operatorType()));
        body.put("statesServed", form.statesServed());
        body.put("capacity", capacity);
        body.put("contactEmail", Forms.value(form.contactEmail()));
        ApiResult saved = existing == null ? api.post(Service.CATALOG, "/api/operators", body)
                : api.put(Service.CATALOG, "/api/operators/" + Api.seg(existing), body);
        if (saved.ok()) {
            String id = String.valueOf(saved.map().get("id"));
            return Forms.seeOther("/verwaltung/betreiber/" + Api.seg(id) + "?erledigt="
                    + (existing == null ? "registriert" : "gespeichert"));
        }
        return Forms.again(saved.status(), operatorPage(form, existing != null, listFields(saved.problem()), null));
    }

    private static final Pattern INDEXED = Pattern.compile("(.*)\\[\\d+\\]$");

    /** A violation of one element of a list ({@code statesServed[2]}) is shown at the list's field. */
    static ApiProblem listFields(ApiProblem problem) {
        if (problem == null) {
            return null;
        }
        List<ApiProblem.Violation> violations = new ArrayList<>();
        for (ApiProblem.Violation v : problem.violations()) {
            var m = v.field() == null ? null : INDEXED.matcher(v.field());
            violations.add(m != null && m.matches() ? new ApiProblem.Violation(m.group(1), v.message()) : v);
        }
        return new ApiProblem(problem.status(), problem.title(), problem.detail(), violations);
    }

    /** A whole number as people write it ("1.084.831", "1 084 831"); null if blank; throws if it is none. */
    static Long wholeNumber(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.strip().replace(".", "").replace(" ", "").replace("\u00a0", "");
        if (!digits.matches("-?\\d{1,18}")) {
            throw new NumberFormatException(text);
        }
        return Long.valueOf(digits);
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

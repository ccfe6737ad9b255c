package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import de.kommunalmarkt.web.page.chart.BarChart;
import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import de.kommunalmarkt.web.page.chart.LineChart;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A provider's solutions: the list in every state, a new draft, the edit page with plans, the
 * transfer-readiness checklist and the publish gate, deprecation, opening a scaling round, and the
 * break-even ("Wirtschaftlichkeit") of a solution. Every figure and every decision is the APIs'
 * (catalog, billing): another provider's draft is the catalog's 404, the gate is the catalog's 422.
 */
@Path("/anbieter/loesungen")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("provider")
public class ProviderSolutionsPage {

    static final List<String> MATURITIES = List.of("PROTOTYPE", "PILOT", "PRODUCTION", "SCALED");
    static final List<String> MODELS = List.of("FREE", "FLAT", "PER_INHABITANT", "TIERED", "COST_SHARING");
    static final List<String> SHARING_KEYS = List.of("INHABITANTS", "EQUAL", "MIXED");
    static final List<Option> VAT_CATEGORIES = List.of(
            new Option("S", "S – Regelsteuersatz (z. B. 19 %)"),
            new Option("Z", "Z – Nullsatz (0 %)"),
            new Option("E", "E – steuerbefreit (z. B. § 2b UStG), mit Begründung"),
            new Option("O", "O – nicht steuerbar, mit Begründung"));
    static final int ENVIRONMENT_ROWS = 3;
    static final int TIER_ROWS = 4;
    static final int PURPOSE_ROWS = 4;

    /** One choice of a select: the code the API takes and its German label. */
    @TemplateData
    public record Option(String code, String label) {
    }

    /**
     * A form's field messages by exact field name ("monthlyFee" does not show a tier's
     * "tiers[0].monthlyFee"), and whether the problem belongs to the form {@code form} of the page.
     */
    @TemplateData
    public record Errors(String form, ApiProblem problem) {
        static final Errors NONE = new Errors(null, null);

        public boolean of(String which) {
            return problem != null && which.equals(form);
        }

        /** The message for {@code field} if the problem belongs to form {@code which}, else null. */
        public String at(String which, String field) {
            if (!of(which)) {
                return null;
            }
            for (ApiProblem.Violation v : problem.violations()) {
                if (field.equals(v.field())) {
                    return v.message();
                }
            }
            return null;
        }

        /** Whether any field of form {@code which} starting with {@code prefix} has a message (a fieldset). */
        public boolean under(String which, String prefix) {
            return of(which) && problem.violations().stream()
                    .anyMatch(v -> v.field() != null && (v.field().equals(prefix) || v.field().startsWith(prefix + "[")
                            || v.field().startsWith(prefix + ".")));
        }
    }

    // ---------------------------------------------------------------- form values

    /** A reference environment row of the solution form; {@code index} is its place in the request. */
    @TemplateData
    public record Environment(int index, String municipality, String ags, String operator, String hostingMode) {
        public String field(String name) {
            return "referenceEnvironments[" + index + "]." + name;
        }

        public String id(String name) {
            return "referenceEnvironments[" + index + "]-" + name;
        }

        public int number() {
            return index + 1;
        }

        boolean blank() {
            return Forms.value(municipality) == null && Forms.value(ags) == null && Forms.value(operator) == null
                    && Forms.value(hostingMode) == null;
        }
    }

    /** The solution form as shown: from the API's solution, or as the user filled it in. */
    @TemplateData
    public record SolutionForm(String name, String summary, String description, String category, String maturity,
            String sourceLicense, List<String> hostingModes, List<String> supportedOperatorTypes, String standards,
            List<Environment> environments, String documentationUrl, String dataProtectionStatementUrl,
            String securityConceptUrl, String accessibilityStatementUrl, boolean noUserInterface, String supportContact,
            String supportResponseHours, String approvalPolicy) {

        public boolean hosting(String mode) {
            return hostingModes.contains(mode);
        }

        public boolean operatorType(String type) {
            return supportedOperatorTypes.contains(type);
        }

        static SolutionForm empty() {
            return new SolutionForm(null, null, null, null, "PROTOTYPE", "EUPL-1.2", List.of(), List.of(), null,
                    rows(List.of()), null, null, null, null, false, null, null, "MANUAL");
        }

        @SuppressWarnings("unchecked")
        static SolutionForm of(Map<String, Object> s) {
            List<Environment> environments = new ArrayList<>();
            for (Object o : list(s.get("referenceEnvironments"))) {
                Map<String, Object> e = (Map<String, Object>) o;
                environments.add(new Environment(environments.size(), text(e.get("municipality")), text(e.get("ags")),
                        text(e.get("operator")), text(e.get("hostingMode"))));
            }
            Map<String, Object> q = s.get("qualityProfile") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return new SolutionForm(text(s.get("name")), text(s.get("summary")), text(s.get("description")),
                    text(s.get("category")), text(s.get("maturity")), text(s.get("sourceLicense")),
                    strings(s.get("hostingModes")), strings(s.get("supportedOperatorTypes")),
                    String.join(", ", strings(s.get("standards"))), rows(environments), text(s.get("documentationUrl")),
                    text(q.get("dataProtectionStatementUrl")), text(q.get("securityConceptUrl")),
                    text(q.get("accessibilityStatementUrl")), Boolean.TRUE.equals(q.get("noUserInterface")),
                    text(q.get("supportContact")), text(q.get("supportResponseHours")), text(s.get("approvalPolicy")));
        }

        /** The given rows and blank ones, at least {@value #ENVIRONMENT_ROWS} and always one blank to add. */
        static List<Environment> rows(List<Environment> given) {
            List<Environment> rows = new ArrayList<>(given);
            while (rows.size() < Math.max(ENVIRONMENT_ROWS, given.size() + 1)) {
                rows.add(new Environment(rows.size(), null, null, null, null));
            }
            return rows;
        }
    }

    /** The solution form's fields as posted (checkboxes and repeated rows as lists). */
    public static class SolutionFields {
        @RestForm public String name;
        @RestForm public String summary;
        @RestForm public String description;
        @RestForm public String category;
        @RestForm public String maturity;
        @RestForm public String sourceLicense;
        @RestForm public List<String> hostingModes;
        @RestForm public List<String> supportedOperatorTypes;
        @RestForm public String standards;
        @RestForm public List<String> refMunicipality;
        @RestForm public List<String> refAgs;
        @RestForm public List<String> refOperator;
        @RestForm public List<String> refHostingMode;
        @RestForm public String documentationUrl;
        @RestForm public String dataProtectionStatementUrl;
        @RestForm public String securityConceptUrl;
        @RestForm public String accessibilityStatementUrl;
        @RestForm public String noUserInterface;
        @RestForm public String supportContact;
        @RestForm public String supportResponseHours;
        @RestForm public String approvalPolicy;

        /** The filled-in reference environments, in order, numbered as they are sent. */
        List<Environment> environments() {
            List<Environment> rows = new ArrayList<>();
            int n = Math.max(Math.max(size(refMunicipality), size(refAgs)), Math.max(size(refOperator), size(refHostingMode)));
            for (int i = 0; i < n; i++) {
                Environment row = new Environment(rows.size(), at(refMunicipality, i), at(refAgs, i), at(refOperator, i),
                        at(refHostingMode, i));
                if (!row.blank()) {
                    rows.add(row);
                }
            }
            return rows;
        }

        SolutionForm form() {
            return new SolutionForm(name, summary, description, category, maturity, sourceLicense, nonBlank(hostingModes),
                    nonBlank(supportedOperatorTypes), standards, SolutionForm.rows(environments()), documentationUrl,
                    dataProtectionStatementUrl, securityConceptUrl, accessibilityStatementUrl, noUserInterface != null,
                    supportContact, supportResponseHours, approvalPolicy);
        }

        /** The SolutionRequest of the catalog. */
        Map<String, Object> body(Input in) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", Forms.value(name));
            body.put("summary", Forms.value(summary));
            body.put("description", Forms.value(description));
            body.put("category", Forms.value(category));
            body.put("sourceLicense", Forms.value(sourceLicense));
            body.put("maturity", Forms.value(maturity));
            body.put("hostingModes", nonBlank(hostingModes));
            body.put("standards", splitList(standards));
            body.put("supportedOperatorTypes", nonBlank(supportedOperatorTypes));
            List<Map<String, Object>> environments = new ArrayList<>();
            for (Environment e : environments()) {
                Map<String, Object> env = new LinkedHashMap<>();
                env.put("municipality", Forms.value(e.municipality()));
                env.put("ags", Forms.value(e.ags()));
                env.put("operator", Forms.value(e.operator()));
                env.put("hostingMode", Forms.value(e.hostingMode()));
                environments.add(env);
            }
            body.put("referenceEnvironments", environments);
            body.put("documentationUrl", Forms.value(documentationUrl));
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("dataProtectionStatementUrl", Forms.value(dataProtectionStatementUrl));
            quality.put("securityConceptUrl", Forms.value(securityConceptUrl));
            quality.put("accessibilityStatementUrl", Forms.value(accessibilityStatementUrl));
            quality.put("noUserInterface", noUserInterface != null);
            quality.put("supportContact", Forms.value(supportContact));
            quality.put("supportResponseHours", in.whole("qualityProfile.supportResponseHours", supportResponseHours));
            body.put("qualityProfile", quality);
            body.put("approvalPolicy", Forms.value(approvalPolicy));
            return body;
        }
    }

    /** A tier row of the plan form. */
    @TemplateData
    public record TierRow(int index, String upTo, String monthlyFee) {
        public String field(String name) {
            return "tiers[" + index + "]." + name;
        }

        public String id(String name) {
            return "tarif-tiers[" + index + "]-" + name;
        }

        public int number() {
            return index + 1;
        }
    }

    /** The plan form as shown (money as typed, rates in percent). */
    @TemplateData
    public record PlanForm(String name, String model, String monthlyFee, String ratePer1000, String minMonthly,
            String maxMonthly, List<TierRow> tiers, String monthlyPool, String costSharingKey, String inhabitantWeight,
            String setupFee, String minimumTermMonths, String noticePeriodDays, String vatCategory, String vatRate,
            String vatExemptionReason) {

        static PlanForm empty() {
            return new PlanForm(null, "FLAT", null, null, null, null, tierRows(List.of()), null, "EQUAL", null, null,
                    "12", "90", "S", "19", null);
        }

        static List<TierRow> tierRows(List<TierRow> given) {
            List<TierRow> rows = new ArrayList<>(given);
            while (rows.size() < Math.max(TIER_ROWS, given.size() + 1)) {
                rows.add(new TierRow(rows.size(), null, null));
            }
            return rows;
        }
    }

    /** The plan form's fields as posted. */
    public static class PlanFields {
        @RestForm public String name;
        @RestForm public String model;
        @RestForm public String monthlyFee;
        @RestForm public String ratePer1000;
        @RestForm public String minMonthly;
        @RestForm public String maxMonthly;
        @RestForm public List<String> tierUpTo;
        @RestForm public List<String> tierFee;
        @RestForm public String monthlyPool;
        @RestForm public String costSharingKey;
        @RestForm public String inhabitantWeight;
        @RestForm public String setupFee;
        @RestForm public String minimumTermMonths;
        @RestForm public String noticePeriodDays;
        @RestForm public String vatCategory;
        @RestForm public String vatRate;
        @RestForm public String vatExemptionReason;

        List<TierRow> tiers() {
            List<TierRow> rows = new ArrayList<>();
            for (int i = 0; i < Math.max(size(tierUpTo), size(tierFee)); i++) {
                String upTo = at(tierUpTo, i);
                String fee = at(tierFee, i);
                if (Forms.value(upTo) != null || Forms.value(fee) != null) {
                    rows.add(new TierRow(rows.size(), upTo, fee));
                }
            }
            return rows;
        }

        PlanForm form() {
            return new PlanForm(name, model, monthlyFee, ratePer1000, minMonthly, maxMonthly, PlanForm.tierRows(tiers()),
                    monthlyPool, costSharingKey, inhabitantWeight, setupFee, minimumTermMonths, noticePeriodDays,
                    vatCategory, vatRate, vatExemptionReason);
        }

        /** The PlanRequest of the catalog: only the fields of the chosen model (the others are left out). */
        Map<String, Object> body(Input in) {
            String m = Forms.value(model);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", Forms.value(name));
            body.put("model", m);
            if ("FLAT".equals(m)) {
                body.put("monthlyFee", in.amount("monthlyFee", monthlyFee));
            }
            if ("PER_INHABITANT".equals(m)) {
                body.put("ratePer1000", in.amount("ratePer1000", ratePer1000));
                body.put("minMonthly", in.amount("minMonthly", minMonthly));
                body.put("maxMonthly", in.amount("maxMonthly", maxMonthly));
            }
            if ("TIERED".equals(m)) {
                List<Map<String, Object>> tiers = new ArrayList<>();
                for (TierRow row : tiers()) {
                    Map<String, Object> tier = new LinkedHashMap<>();
                    tier.put("upTo", in.count(row.field("upTo"), row.upTo()));
                    tier.put("monthlyFee", in.amount(row.field("monthlyFee"), row.monthlyFee()));
                    tiers.add(tier);
                }
                body.put("tiers", tiers);
            }
            if ("COST_SHARING".equals(m)) {
                body.put("monthlyPool", in.amount("monthlyPool", monthlyPool));
                body.put("costSharingKey", Forms.value(costSharingKey));
                if ("MIXED".equals(Forms.value(costSharingKey))) {
                    body.put("inhabitantWeight", in.percent("inhabitantWeight", inhabitantWeight));
                }
            }
            body.put("setupFee", in.amount("setupFee", setupFee));
            body.put("minimumTermMonths", in.whole("minimumTermMonths", minimumTermMonths));
            body.put("noticePeriodDays", in.whole("noticePeriodDays", noticePeriodDays));
            body.put("vatCategory", Forms.value(vatCategory));
            body.put("vatRate", in.percent("vatRate", vatRate));
            body.put("vatExemptionReason", Forms.value(vatExemptionReason));
            body.put("currency", "EUR");
            return body;
        }
    }

    /** A purpose row of the round form. */
    @TemplateData
    public record PurposeRow(int index, String purpose, String amount) {
        public String field(String name) {
            return "purposes[" + index + "]." + name;
        }

        public String id(String name) {
            return "runde-purposes[" + index + "]-" + name;
        }

        public int number() {
            return index + 1;
        }
    }

    /** The form to open a scaling round. */
    @TemplateData
    public record RoundForm(List<PurposeRow> purposes, String target, String closesOn, String minParticipants,
            String vatCategory, String vatRate, String vatExemptionReason) {

        static RoundForm empty() {
            return new RoundForm(purposeRows(List.of()), null, null, "2", "E", "0", null);
        }

        static List<PurposeRow> purposeRows(List<PurposeRow> given) {
            List<PurposeRow> rows = new ArrayList<>(given);
            while (rows.size() < Math.max(PURPOSE_ROWS, given.size() + 1)) {
                rows.add(new PurposeRow(rows.size(), null, null));
            }
            return rows;
        }
    }

    /** The round form's fields as posted. */
    public static class RoundFields {
        @RestForm public List<String> purpose;
        @RestForm public List<String> purposeAmount;
        @RestForm public String target;
        @RestForm public String closesOn;
        @RestForm public String minParticipants;
        @RestForm public String vatCategory;
        @RestForm public String vatRate;
        @RestForm public String vatExemptionReason;

        List<PurposeRow> purposes() {
            List<PurposeRow> rows = new ArrayList<>();
            for (int i = 0; i < Math.max(size(purpose), size(purposeAmount)); i++) {
                if (Forms.value(at(purpose, i)) != null || Forms.value(at(purposeAmount, i)) != null) {
                    rows.add(new PurposeRow(rows.size(), at(purpose, i), at(purposeAmount, i)));
                }
            }
            return rows;
        }

        RoundForm form() {
            return new RoundForm(RoundForm.purposeRows(purposes()), target, closesOn, minParticipants, vatCategory,
                    vatRate, vatExemptionReason);
        }

        /** The RoundRequest of the catalog. */
        Map<String, Object> body(Input in) {
            Map<String, Object> body = new LinkedHashMap<>();
            List<Map<String, Object>> purposes = new ArrayList<>();
            for (PurposeRow row : purposes()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("purpose", Forms.value(row.purpose()));
                p.put("amount", in.amount(row.field("amount"), row.amount()));
                purposes.add(p);
            }
            body.put("purposes", purposes);
            body.put("target", in.amount("target", target));
            body.put("closesOn", Input.isoDate(closesOn));
            body.put("minParticipants", in.whole("minParticipants", minParticipants));
            body.put("vatCategory", Forms.value(vatCategory));
            body.put("vatRate", in.percent("vatRate", vatRate));
            body.put("vatExemptionReason", Forms.value(vatExemptionReason));
            return body;
        }
    }

    /**
     * Reads numbers the way people type them in Germany ("120.000", "1.234,50", "19,5") and collects a
     * message per field that is no number, before any API is asked.
     */
    static final class Input {
        private static final Pattern GERMAN_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
        final List<ApiProblem.Violation> violations = new ArrayList<>();

        /** An amount in euros, null if blank. */
        BigDecimal amount(String field, String text) {
            try {
                return number(text);
            } catch (NumberFormatException e) {
                violations.add(new ApiProblem.Violation(field, "Bitte einen Betrag in Euro angeben, z. B. 1.234,50."));
                return null;
            }
        }

        /** A percentage as typed ("19") as the share the APIs take (0.19), null if blank. */
        BigDecimal percent(String field, String text) {
            try {
                BigDecimal p = number(text == null ? null : text.replace("%", ""));
                return p == null ? null : p.movePointLeft(2).stripTrailingZeros();
            } catch (NumberFormatException e) {
                violations.add(new ApiProblem.Violation(field, "Bitte einen Prozentsatz angeben, z. B. 19 oder 7,5."));
                return null;
            }
        }

        /** A whole number (months, days, hours), null if blank. */
        Integer whole(String field, String text) {
            Long n = count(field, text);
            if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
                violations.add(new ApiProblem.Violation(field, "Die Zahl ist zu groß."));
                return null;
            }
            return n == null ? null : n.intValue();
        }

        /** A whole number that may be large (inhabitants, "10.000"), null if blank. */
        Long count(String field, String text) {
            String t = Forms.value(text);
            if (t == null) {
                return null;
            }
            try {
                return Long.parseLong(t.replace(".", "").replace(" ", "").replace("\u00a0", ""));
            } catch (NumberFormatException e) {
                violations.add(new ApiProblem.Violation(field, "Bitte eine ganze Zahl angeben."));
                return null;
            }
        }

        /** "1.234,50", "120.000" (German) and "1234.50" (plain) as numbers (Forms.amount). */
        static BigDecimal number(String text) {
            return Forms.amount(text);
        }

        /** A date typed as 01.02.2027 in the ISO form the APIs take; anything else as it is (the API judges it). */
        static String isoDate(String text) {
            String t = Forms.value(text);
            if (t == null) {
                return null;
            }
            var m = GERMAN_DATE.matcher(t);
            if (m.matches()) {
                return String.format("%s-%02d-%02d", m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            return t;
        }

        ApiProblem problem() {
            return violations.isEmpty() ? null
                    : new ApiProblem(400, "Bitte prüfen Sie Ihre Eingabe", null, List.copyOf(violations));
        }
    }

    // ---------------------------------------------------------------- the readiness checklist


    /**
     * A criterion as the checklist shows it: the API's verdict ({@code met}, {@code level}), German text,
     * the API's own hint (kept for the details it names), the field to jump to, and whether the last
     * publish attempt was refused for it.
     */
    @TemplateData
    public record Criterion(String code, String level, boolean met, String requirement, String hint, String apiHint,
            String anchor, boolean blocking) {
        public boolean must() {
            return "MUST".equals(level);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Criterion> checklist(Map<String, Object> solution, Set<String> refusedFields) {
        List<Criterion> items = new ArrayList<>();
        Map<String, Object> readiness = solution.get("readiness") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        for (Object o : list(readiness.get("criteria"))) {
            Map<String, Object> c = (Map<String, Object>) o;
            String code = text(c.get("criterion"));
            Criteria.Text t = Criteria.TEXTS.get(code);
            boolean met = Boolean.TRUE.equals(c.get("met"));
            String level = text(c.get("level"));
            boolean blocking = !met && t != null && t.apiField() != null && refusedFields.contains(t.apiField());
            items.add(new Criterion(code, level, met, t == null ? text(c.get("requirement")) : t.requirement(),
                    met ? null : t == null ? text(c.get("hint")) : t.hint(), met ? null : text(c.get("hint")),
                    t == null ? "loesung-bearbeiten" : t.anchor(), blocking));
        }
        return items;
    }

    // ---------------------------------------------------------------- pages

    @Location("ProviderSolutionsPage/list.html")
    Template listPage;

    @Location("ProviderSolutionsPage/new.html")
    Template newPage;

    @Location("ProviderSolutionsPage/edit.html")
    Template editPage;

    @Location("ProviderSolutionsPage/breakEven.html")
    Template breakEvenPage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    /** A row of the list: the API's summary and its plans count (null if the solution could not be read). */
    @TemplateData
    public record Row(Map<String, Object> solution, Integer plans) {
    }

    @GET
    public TemplateInstance list(@QueryParam("erledigt") String done) {
        List<Object> own = api.get(Service.CATALOG, Api.path("/api/solutions/own", "size", 200)).list();
        List<Row> rows = new ArrayList<>();
        for (Object o : own) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) o;
            ApiResult full = api.get(Service.CATALOG, "/api/solutions/" + Api.seg(text(s.get("id"))));
            rows.add(new Row(s, full.ok() ? list(full.map().get("plans")).size() : null));
        }
        return listPage.data("rows", rows).data("done", done);
    }

    @GET
    @Path("/neu")
    public TemplateInstance newSolution() {
        return newPage(SolutionForm.empty(), Errors.NONE);
    }

    private TemplateInstance newPage(SolutionForm form, Errors errors) {
        return newPage.data("form", form).data("errors", errors).data("problem", errors.problem())
                .data("options", options());
    }

    @POST
    @Path("/neu")
    public Response create(@BeanParam SolutionFields fields) {
        Input in = new Input();
        Map<String, Object> body = fields.body(in);
        if (in.problem() != null) {
            return Forms.again(400, newPage(fields.form(), new Errors("loesung", in.problem())));
        }
        ApiResult created = api.post(Service.CATALOG, "/api/solutions", body);
        if (created.ok()) {
            return Forms.seeOther("/anbieter/loesungen/" + Api.seg(text(created.map().get("id"))) + "?erledigt=angelegt");
        }
        return Forms.again(created.status(), newPage(fields.form(), new Errors("loesung", created.problem())));
    }

    @GET
    @Path("/{id}")
    public TemplateInstance edit(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        return editPage(id, null, null, null, Errors.NONE, done);
    }

    /** The edit page; the forms not given show the API's values (or are empty). */
    TemplateInstance editPage(String id, SolutionForm form, PlanForm plan, RoundForm round, Errors errors, String done) {
        Map<String, Object> solution = api.get(Service.CATALOG, "/api/solutions/" + Api.seg(id)).map();
        Set<String> refused = errors.of("veroeffentlichen") && errors.problem().status() == 422
                ? errors.problem().violations().stream().map(ApiProblem.Violation::field).filter(Objects::nonNull)
                        .collect(Collectors.toSet())
                : Set.of();
        List<Criterion> checklist = checklist(solution, refused);
        List<Criterion> blocking = checklist.stream().filter(Criterion::blocking).toList();
        // refusals of the gate the checklist does not name (a criterion the page does not know yet)
        Set<String> known = Criteria.TEXTS.values().stream().map(Criteria.Text::apiField).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<ApiProblem.Violation> otherRefusals = refused.isEmpty() ? List.of()
                : errors.problem().violations().stream().filter(v -> !known.contains(v.field())).toList();
        boolean own = viewer.getMunicipality() != null && viewer.getMunicipality().equals(solution.get("providerAgs"));
        return editPage.data("solution", solution).data("own", own)
                .data("form", form != null ? form : SolutionForm.of(solution))
                .data("plan", plan != null ? plan : PlanForm.empty())
                .data("round", round != null ? round : RoundForm.empty())
                .data("errors", errors).data("done", done).data("checklist", checklist).data("blocking", blocking)
                .data("otherRefusals", otherRefusals).data("gateRefused", !refused.isEmpty())
                .data("options", options());
    }

    @POST
    @Path("/{id}")
    public Response update(@PathParam("id") String id, @BeanParam SolutionFields fields) {
        Input in = new Input();
        Map<String, Object> body = fields.body(in);
        if (in.problem() != null) {
            return Forms.again(400, editPage(id, fields.form(), null, null, new Errors("loesung", in.problem()), null));
        }
        ApiResult saved = api.put(Service.CATALOG, "/api/solutions/" + Api.seg(id), body);
        if (saved.ok()) {
            return Forms.seeOther("/anbieter/loesungen/" + Api.seg(id) + "?erledigt=gespeichert");
        }
        return refusedOrPage(saved, () -> editPage(id, fields.form(), null, null, new Errors("loesung", saved.problem()), null));
    }

    @POST
    @Path("/{id}/tarife")
    public Response addPlan(@PathParam("id") String id, @BeanParam PlanFields fields) {
        Input in = new Input();
        Map<String, Object> body = fields.body(in);
        if (in.problem() != null) {
            return Forms.again(400, editPage(id, null, fields.form(), null, new Errors("tarif", in.problem()), null));
        }
        ApiResult added = api.post(Service.CATALOG, "/api/solutions/" + Api.seg(id) + "/plans", body);
        if (added.ok()) {
            return Forms.seeOther("/anbieter/loesungen/" + Api.seg(id) + "?erledigt=tarif#tarife");
        }
        return refusedOrPage(added, () -> editPage(id, null, fields.form(), null, new Errors("tarif", added.problem()), null));
    }

    @POST
    @Path("/{id}/veroeffentlichen")
    public Response publish(@PathParam("id") String id) {
        ApiResult published = api.post(Service.CATALOG, "/api/solutions/" + Api.seg(id) + "/publish", null);
        if (published.ok()) {
            return Forms.seeOther("/anbieter/loesungen/" + Api.seg(id) + "?erledigt=veroeffentlicht");
        }
        return refusedOrPage(published,
                () -> editPage(id, null, null, null, new Errors("veroeffentlichen", published.problem()), null));
    }

    @POST
    @Path("/{id}/abkuendigen")
    public Response deprecate(@PathParam("id") String id) {
        ApiResult deprecated = api.post(Service.CATALOG, "/api/solutions/" + Api.seg(id) + "/deprecate", null);
        if (deprecated.ok()) {
            return Forms.seeOther("/anbieter/loesungen/" + Api.seg(id) + "?erledigt=abgekuendigt");
        }
        return refusedOrPage(deprecated,
                () -> editPage(id, null, null, null, new Errors("abkuendigen", deprecated.problem()), null));
    }

    @POST
    @Path("/{id}/runde")
    public Response openRound(@PathParam("id") String id, @BeanParam RoundFields fields) {
        Input in = new Input();
        Map<String, Object> body = fields.body(in);
        if (in.problem() != null) {
            return Forms.again(400, editPage(id, null, null, fields.form(), new Errors("runde", in.problem()), null));
        }
        ApiResult opened = api.post(Service.CATALOG, "/api/solutions/" + Api.seg(id) + "/scaling-rounds", body);
        if (opened.ok()) {
            return Forms.seeOther("/skalierungsrunden/" + Api.seg(text(opened.map().get("id"))) + "?erledigt=eroeffnet");
        }
        return refusedOrPage(opened, () -> editPage(id, null, null, fields.form(), new Errors("runde", opened.problem()), null));
    }

    /**
     * A refusal of a form on the edit page: the page again with the problem at the form; a solution the
     * caller may not see (404, 403) or an unreachable service is the error page with the API's status.
     */
    private static Response refusedOrPage(ApiResult result, java.util.function.Supplier<TemplateInstance> page) {
        if (result.status() == 404 || result.status() == 401 || result.status() == 503) {
            result.requireOk();
        }
        return Forms.again(result.status(), page.get());
    }

    // ---------------------------------------------------------------- break-even

    /** The break-even form as the user filled it in. */
    @TemplateData
    public record BreakEvenForm(String investment, String monthlyCost, String inhabitants) {
    }

    @GET
    @Path("/{id}/wirtschaftlichkeit")
    public Response breakEven(@PathParam("id") String id, @QueryParam("investment") String investment,
            @QueryParam("monthlyCost") String monthlyCost, @QueryParam("inhabitants") String inhabitants) {
        BreakEvenForm form = new BreakEvenForm(investment, monthlyCost, inhabitants);
        boolean asked = Forms.value(investment) != null || Forms.value(monthlyCost) != null
                || Forms.value(inhabitants) != null;
        Input in = new Input();
        BigDecimal invested = in.amount("investment", investment);
        BigDecimal cost = in.amount("monthlyCost", monthlyCost);
        Long size = in.count("inhabitants", inhabitants);
        ApiResult result = in.problem() != null ? null
                : api.get(Service.BILLING, Api.path("/api/break-even", "solutionId", id,
                        "investment", invested == null ? null : invested.toPlainString(),
                        "monthlyCost", cost == null ? null : cost.toPlainString(), "inhabitants", size));
        ApiProblem problem = in.problem();
        int status = 200;
        Map<String, Object> figures = null;
        if (result != null && result.ok()) {
            figures = result.map();
        } else if (result != null) {
            if (result.status() != 400 && result.status() != 422) {
                result.requireOk(); // another provider's solution (403), unknown (404), billing down (503)
            }
            problem = result.problem();
            status = asked ? result.status() : 200; // the first visit asks for the amounts the API could not derive
        } else {
            status = 400;
        }
        Map<String, Object> solution = api.get(Service.CATALOG, "/api/solutions/" + Api.seg(id)).map();
        TemplateInstance page = breakEvenPage.data("solution", solution).data("form", form)
                .data("errors", new Errors("break-even", problem)).data("problem", problem).data("figures", figures)
                .data("curve", figures == null ? null : curveChart(figures))
                .data("sharing", figures == null ? List.of() : sharingCharts(figures));
        return Forms.again(status, page);
    }

    @SuppressWarnings("unchecked")
    static LineChart curveChart(Map<String, Object> figures) {
        List<String> months = new ArrayList<>();
        List<BigDecimal> now = new ArrayList<>();
        List<BigDecimal> pipeline = new ArrayList<>();
        for (Object o : list(figures.get("curve"))) {
            Map<String, Object> m = (Map<String, Object>) o;
            months.add(text(m.get("month")));
            now.add(Labels.decimal(m.get("cumulativeNow")));
            pipeline.add(Labels.decimal(m.get("cumulativeWithPipeline")));
        }
        return LineChart.of("chart-break-even", "Kumulierter Saldo über " + months.size() + " Monate",
                "Kumulierter Saldo der Lösung in Euro nach jedem Monat ab heute: Erlöse abzüglich Investition und "
                        + "laufender Kosten, einmal mit den heutigen Erlösen, einmal mit den zugesagten Lizenzen "
                        + "(Pipeline). Oberhalb der Nulllinie ist die Investition wieder eingespielt.",
                "Monat", months,
                List.of(new LineChart.Series("mit heutigen Erlösen", "now", now),
                        new LineChart.Series("mit Pipeline", "pipeline", pipeline)),
                Unit.EURO);
    }

    @SuppressWarnings("unchecked")
    static List<BarChart> sharingCharts(Map<String, Object> figures) {
        List<BarChart> charts = new ArrayList<>();
        for (Object o : list(figures.get("costSharing"))) {
            Map<String, Object> plan = (Map<String, Object>) o;
            List<BarChart.Item> items = new ArrayList<>();
            for (Object p : list(plan.get("prices"))) {
                Map<String, Object> price = (Map<String, Object>) p;
                items.add(new BarChart.Item(text(price.get("adopters")), Labels.decimal(price.get("monthlyPrice"))));
            }
            String inhabitants = new Labels().num(plan.get("inhabitants"));
            String id = charts.isEmpty() ? "chart-kostenumlage" : "chart-kostenumlage-" + (charts.size() + 1);
            charts.add(BarChart.vertical(id,
                    "Preis je Kommune bei wachsender Zahl teilnehmender Kommunen – " + text(plan.get("planName")),
                    "Monatlicher Preis des Tarifs „" + text(plan.get("planName")) + "“ für eine Kommune mit " + inhabitants
                            + " Einwohnern, wenn 1 bis " + items.size() + " Kommunen teilnehmen.",
                    "Teilnehmende Kommunen", "Preis je Kommune und Monat", items, Unit.EURO));
        }
        return charts;
    }

    // ---------------------------------------------------------------- helpers

    /** The choices of the forms' selects and checkboxes. */
    static Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("categories", CatalogPage.CATEGORIES);
        options.put("maturities", MATURITIES);
        options.put("hostingModes", CatalogPage.HOSTING_MODES);
        options.put("operatorTypes", CatalogPage.OPERATOR_TYPES);
        options.put("models", MODELS);
        options.put("sharingKeys", SHARING_KEYS);
        options.put("vatCategories", VAT_CATEGORIES);
        return options;
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            BigDecimal d = Labels.decimal(value);
            return d == null ? value.toString() : d.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static List<String> strings(Object value) {
        return list(value).stream().filter(Objects::nonNull).map(Object::toString).toList();
    }

    static List<String> nonBlank(Collection<String> values) {
        return values == null ? List.of() : values.stream().map(Forms::value).filter(Objects::nonNull).toList();
    }

    /** "OParl, DCAT-AP.de; xRepository" as a list; blanks left out. */
    static List<String> splitList(String text) {
        if (text == null) {
            return List.of();
        }
        return nonBlank(List.of(text.split("[,;\\n]")));
    }

    static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    static String at(List<String> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }
}

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The billing admin's work: start a billing run for a period and follow it, and the invoices and credit
 * notes of a period with the way to a hand-made credit note or a payment for each invoice. Payments,
 * dunning, provider statements and reconciliation are in {@link BillingPaymentsPage}, {@link BillingDunningPage}, {@link BillingStatementsPage} and {@link BillingReconciliationPage}.
 */
@Path("/abrechnung")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("billing-admin")
public class BillingAdminPage {

    static final int PAGE_SIZE = 50;

    /** The filter of the invoice and credit-note lists. */
    @TemplateData
    public record Filter(String period, String municipality, int page) {
        public String pageUrl(int shownPage) {
            return Api.path("/abrechnung", "period", period, "municipality", municipality, "page", shownPage) + "#rechnungen";
        }
    }

    /** A billing run as its page shows it: the API's run, its duration in words, and whether it is final. */
    @TemplateData
    public record Run(Map<String, Object> run, String duration) {
        /** COMPLETED is the run's only final state; every other state is still under way. */
        public boolean finished() {
            return "COMPLETED".equals(run.get("state"));
        }

        public Object done() {
            return progress("municipalitiesDone");
        }

        public Object total() {
            return progress("municipalitiesTotal");
        }

        /** Whether the run knows how many municipalities it bills (before that the bar is indeterminate). */
        public boolean counted() {
            return total() instanceof Number n && n.longValue() > 0;
        }

        private Object progress(String key) {
            return run.get("progress") instanceof Map<?, ?> p ? p.get(key) : null;
        }
    }

    /** The credit-note form as entered: an amount per line number, and the reason. */
    @TemplateData
    public record CreditNoteForm(Map<String, String> amounts, String reason) {
        public String amount(Object lineNo) {
            return lineNo == null ? "" : amounts.getOrDefault(lineNo.toString(), "");
        }
    }

    /** The payment form as entered. */
    @TemplateData
    public record PaymentForm(String amount, String paidOn, String reference) {
    }

    @Location("BillingAdminPage/overview.html")
    Template overviewPage;

    @Location("BillingAdminPage/run.html")
    Template runPage;

    @Location("BillingAdminPage/progress.html")
    Template progressFragment;

    @Location("BillingAdminPage/credit-note.html")
    Template creditNotePage;

    @Location("BillingAdminPage/payment.html")
    Template paymentPage;

    @Inject
    Api api;

    @GET
    public Response overview(@QueryParam("period") String period, @QueryParam("municipality") String municipality,
            @QueryParam("page") Integer page, @QueryParam("erledigt") String done) {
        Filter filter = new Filter(Forms.value(period), Forms.value(municipality), Listing.index(page));
        ApiResult invoices = api.get(Service.BILLING, Api.path("/api/invoices", "period", filter.period(), "municipality",
                filter.municipality(), "page", filter.page(), "size", PAGE_SIZE));
        ApiResult creditNotes = invoices.ok() ? api.get(Service.BILLING, Api.path("/api/credit-notes", "period",
                filter.period(), "municipality", filter.municipality(), "size", PAGE_SIZE)) : invoices;
        TemplateInstance html = overview(null, null, done).data("filter", filter)
                .data("invoices", Listing.of(invoices, filter.page(), PAGE_SIZE, filter::pageUrl))
                .data("creditNotes", creditNotes.ok() ? creditNotes.list() : List.of())
                .data("filterProblem", invoices.problem());
        return Forms.filtered(invoices, html);
    }

    /** The overview with the run form (its value and problem after a refusal) and the latest runs. */
    private TemplateInstance overview(String period, ApiProblem problem, String done) {
        ApiResult runs = api.get(Service.BILLING, Api.path("/api/billing-runs", "size", 12));
        return overviewPage.data("runs", runs.ok() ? runs.list() : List.of()).data("runProblem", problem)
                .data("runPeriod", period).data("done", done);
    }

    @POST
    @Path("/laeufe")
    public Response startRun(@RestForm String period) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", Forms.value(period));
        ApiResult started = api.post(Service.BILLING, "/api/billing-runs", body);
        if (started.ok()) {
            return Forms.seeOther("/abrechnung/laeufe/" + Api.seg(String.valueOf(started.map().get("id"))));
        }
        Filter filter = new Filter(null, null, 0);
        ApiResult invoices = api.get(Service.BILLING, Api.path("/api/invoices", "size", PAGE_SIZE));
        ApiResult creditNotes = api.get(Service.BILLING, Api.path("/api/credit-notes", "size", PAGE_SIZE));
        return Forms.again(started.status(), overview(period, started.problem(), null).data("filter", filter)
                .data("invoices", Listing.of(invoices, 0, PAGE_SIZE, filter::pageUrl))
                .data("creditNotes", creditNotes.ok() ? creditNotes.list() : List.of()).data("filterProblem", null));
    }

    @GET
    @Path("/laeufe/{id}")
    public TemplateInstance runPage(@PathParam("id") String id) {
        return runPage.data("r", run(id)).data("announce", false);
    }

    /** The progress block alone, polled every second until the run is final (then it stops polling). */
    @GET
    @Path("/laeufe/{id}/fortschritt")
    public TemplateInstance progress(@PathParam("id") String id) {
        return progressFragment.data("r", run(id)).data("announce", true);
    }

    private Run run(String id) {
        Map<String, Object> run = api.get(Service.BILLING, "/api/billing-runs/" + Api.seg(id)).map();
        return new Run(run, duration(run.get("durationSeconds")));
    }

    @GET
    @Path("/rechnungen/{id}/gutschrift")
    public TemplateInstance creditNoteForm(@PathParam("id") String id) {
        return creditNotePage(id, new CreditNoteForm(Map.of(), null), null);
    }

    private TemplateInstance creditNotePage(String id, CreditNoteForm form, ApiProblem problem) {
        Map<String, Object> invoice = api.get(Service.BILLING, "/api/invoices/" + Api.seg(id)).map();
        return creditNotePage.data("invoice", invoice).data("form", form).data("problem", problem);
    }

    /**
     * The credit note: a line for each position with an amount (fields {@code amount-LINENO}), the reason.
     * The API's violations of {@code lines[i].amount} are shown beside the position they concern.
     */
    @POST
    @Path("/rechnungen/{id}/gutschrift")
    public Response issueCreditNote(@PathParam("id") String id, @RestForm String reason,
            @RestForm("lineNo") List<String> lineNos, @RestForm("amount") List<String> amounts) {
        Map<String, String> entered = new LinkedHashMap<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> sentLineNos = new ArrayList<>();
        List<String> numbers = lineNos == null ? List.of() : lineNos;
        for (int i = 0; i < numbers.size(); i++) {
            String lineNo = numbers.get(i);
            String text = amounts != null && i < amounts.size() ? amounts.get(i) : null;
            entered.put(lineNo, text == null ? "" : text);
        }
        for (Map.Entry<String, String> e : entered.entrySet()) {
            if (e.getValue().isBlank()) {
                continue;
            }
            BigDecimal amount;
            Integer lineNo;
            try {
                amount = Forms.amount(e.getValue());
                lineNo = Integer.valueOf(e.getKey());
            } catch (NumberFormatException ex) {
                return Forms.again(400, creditNotePage(id, new CreditNoteForm(entered, reason),
                        Forms.invalid("amount-" + e.getKey(), "Bitte einen Betrag in Euro eingeben, z. B. 120,50.")));
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineNo", lineNo);
            line.put("amount", amount);
            lines.add(line);
            sentLineNos.add(e.getKey());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", lines);
        body.put("reason", Forms.value(reason));
        ApiResult issued = api.post(Service.BILLING, "/api/invoices/" + Api.seg(id) + "/credit-notes", body);
        if (issued.ok()) {
            Object period = issued.map().get("correctsInvoice") instanceof Map<?, ?> corrected ? corrected.get("period") : null;
            return Forms.seeOther(Api.path("/abrechnung", "period", period, "erledigt", "gutschrift") + "#gutschriften");
        }
        return Forms.again(issued.status(), creditNotePage(id, new CreditNoteForm(entered, reason),
                byLine(issued.problem(), sentLineNos)));
    }

    /** The API names {@code lines[i].amount}: the form names the field by the position's number. */
    static ApiProblem byLine(ApiProblem problem, List<String> sentLineNos) {
        if (problem == null) {
            return null;
        }
        List<ApiProblem.Violation> violations = new ArrayList<>();
        for (ApiProblem.Violation v : problem.violations()) {
            String field = v.field();
            java.util.regex.Matcher m = field == null ? null
                    : java.util.regex.Pattern.compile("lines\\[(\\d+)\\](?:\\.(\\w+))?").matcher(field);
            if (m != null && m.matches() && Integer.parseInt(m.group(1)) < sentLineNos.size()) {
                field = "amount-" + sentLineNos.get(Integer.parseInt(m.group(1)));
            }
            violations.add(new ApiProblem.Violation(field, v.message()));
        }
        return new ApiProblem(problem.status(), problem.title(), problem.detail(), violations);
    }

    @GET
    @Path("/rechnungen/{id}/zahlung")
    public TemplateInstance paymentForm(@PathParam("id") String id, @QueryParam("erledigt") String done) {
        return paymentPage(id, new PaymentForm(null, OperatorBoardPage.today(), null), null, done);
    }

    private TemplateInstance paymentPage(String id, PaymentForm form, ApiProblem problem, String done) {
        Map<String, Object> invoice = api.get(Service.BILLING, "/api/invoices/" + Api.seg(id)).map();
        return paymentPage.data("invoice", invoice).data("form", form).data("problem", problem).data("done", done);
    }

    @POST
    @Path("/rechnungen/{id}/zahlung")
    public Response bookPayment(@PathParam("id") String id, @RestForm String amount, @RestForm String paidOn,
            @RestForm String reference) {
        PaymentForm form = new PaymentForm(amount, paidOn, reference);
        BigDecimal value;
        try {
            value = Forms.amount(amount);
        } catch (NumberFormatException e) {
            return Forms.again(400, paymentPage(id, form,
                    Forms.invalid("amount", "Bitte einen Betrag in Euro eingeben, z. B. 1.234,50."), null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", value);
        body.put("paidOn", Forms.value(paidOn));
        body.put("reference", Forms.value(reference));
        ApiResult booked = api.post(Service.BILLING, "/api/invoices/" + Api.seg(id) + "/payments", body);
        if (booked.ok()) {
            return Forms.seeOther("/abrechnung/rechnungen/" + Api.seg(id) + "/zahlung?erledigt=gebucht");
        }
        return Forms.again(booked.status(), paymentPage(id, form, booked.problem(), null));
    }

    /** Seconds as the run page shows them: "4,2 Sekunden", "3 min 05 s". */
    static String duration(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "–";
        }
        double s = n.doubleValue();
        if (s < 60) {
            return String.format(java.util.Locale.GERMANY, "%.1f Sekunden", s);
        }
        long whole = Math.round(s);
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long rest = whole % 60;
        return hours > 0 ? String.format("%d h %02d min %02d s", hours, minutes, rest)
                : String.format("%d min %02d s", minutes, rest);
    }
}

package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiRefusedException;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Invoices and credit notes with their XRechnung: an adopter sees its municipality's, a billing admin
 * any municipality's (filter by AGS); the billing API decides the scope. Also the municipality's
 * credit balance where the API gives one.
 */
@Path("/rechnungen")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"adopter", "billing-admin"})
public class InvoicePage {

    static final int PAGE_SIZE = 20;

    /** The filter as the user filled it in. */
    @TemplateData
    public record Filter(String period, String municipality) {
    }

    @Location("InvoicePage/list.html")
    Template listPage;

    @Location("InvoicePage/invoice.html")
    Template invoicePage;

    @Inject
    Api api;

    @Inject
    Viewer viewer;

    @GET
    public Response list(@QueryParam("period") String period, @QueryParam("municipality") String municipality,
            @QueryParam("page") Integer page, @QueryParam("gpage") Integer creditPage) {
        Filter filter = new Filter(Forms.value(period), Forms.value(municipality));
        int p = Listing.index(page);
        int cp = Listing.index(creditPage);
        ApiResult invoices = api.get(Service.BILLING, Api.path("/api/invoices", "period", filter.period(),
                "municipality", filter.municipality(), "page", p, "size", PAGE_SIZE));
        ApiResult creditNotes = api.get(Service.BILLING, Api.path("/api/credit-notes", "period", filter.period(),
                "municipality", filter.municipality(), "page", cp, "size", PAGE_SIZE));
        // An adopter's own balance; a billing admin's only for the municipality filtered by.
        Map<String, Object> balance = null;
        ApiProblem balanceProblem = null;
        if (viewer.isAdopter() && !viewer.isBillingAdmin() || filter.municipality() != null) {
            ApiResult balances = api.get(Service.BILLING, Api.path("/api/balances", "municipality", filter.municipality()));
            if (balances.ok()) {
                List<Object> items = balances.list();
                balance = items.isEmpty() || !(items.get(0) instanceof Map<?, ?>) ? null : asMap(items.get(0));
            } else {
                balanceProblem = balances.problem();
            }
        }
        ApiProblem problem = !invoices.ok() ? invoices.problem() : !creditNotes.ok() ? creditNotes.problem() : balanceProblem;
        TemplateInstance html = listPage.data("filter", filter)
                .data("invoices", Listing.of(invoices, p, PAGE_SIZE, shown -> Api.path("/rechnungen",
                        "period", filter.period(), "municipality", filter.municipality(), "page", shown, "gpage",
                        cp + 1)))
                .data("creditNotes", Listing.of(creditNotes, cp, PAGE_SIZE, shown -> Api.path("/rechnungen",
                        "period", filter.period(), "municipality", filter.municipality(), "page", p + 1, "gpage",
                        shown) + "#gutschriften-titel"))
                .data("balance", balance).data("problem", problem);
        return Forms.again(problem == null ? 200 : problem.status(), html);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance invoice(@PathParam("id") String id) {
        Map<String, Object> invoice = api.get(Service.BILLING, "/api/invoices/" + Api.seg(id)).map();
        // The credit notes correcting this invoice: those of its period and municipality that name it.
        ApiResult found = api.get(Service.BILLING, Api.path("/api/credit-notes", "period", invoice.get("period"),
                "municipality", invoice.get("municipalityAgs"), "size", 200));
        List<Object> creditNotes = found.ok() ? found.list().stream()
                .filter(c -> c instanceof Map<?, ?> m && Objects.equals(String.valueOf(m.get("correctsInvoice")), id))
                .toList() : List.of();
        return invoicePage.data("invoice", invoice).data("creditNotes", creditNotes);
    }

    @GET
    @Path("/{id}/xrechnung")
    @Produces({MediaType.APPLICATION_XML, MediaType.TEXT_HTML})
    public Response invoiceXml(@PathParam("id") String id) {
        return xml(api, "/api/invoices/" + Api.seg(id), "rechnung");
    }

    /** The API's XRechnung as an attachment, under the name the API suggests or "<prefix>-<number>.xml". */
    static Response xml(Api api, String documentPath, String prefix) {
        Api.Download download = api.download(Service.BILLING, documentPath + "/xrechnung");
        if (download.problem() != null || download.bytes() == null) {
            throw new ApiRefusedException(download.problem() != null ? download.problem()
                    : new ApiProblem(502, "Die E-Rechnung ist nicht lesbar", null, List.of()));
        }
        String name = safeFileName(download.fileName());
        if (name == null) {
            Object number = api.get(Service.BILLING, documentPath).map().get("number");
            name = safeFileName(prefix + "-" + number + ".xml");
        }
        return Response.ok(download.bytes(), MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** Keeps a suggested file name to characters safe in a header and on any file system; null if none is left. */
    static String safeFileName(String suggested) {
        if (suggested == null) {
            return null;
        }
        String base = suggested.strip();
        base = base.endsWith(".xml") ? base.substring(0, base.length() - 4) : base;
        base = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        return base.isEmpty() ? null : base + ".xml";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Credit notes: one with its lines, and its XRechnung. */
    @Path("/gutschriften")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({"adopter", "billing-admin"})
    public static class CreditNotePage {

        @Location("InvoicePage/credit-note.html")
        Template creditNotePage;

        @Inject
        Api api;

        @GET
        @Path("/{id}")
        public TemplateInstance creditNote(@PathParam("id") String id) {
            return creditNotePage.data("note", api.get(Service.BILLING, "/api/credit-notes/" + Api.seg(id)).map());
        }

        @GET
        @Path("/{id}/xrechnung")
        @Produces({MediaType.APPLICATION_XML, MediaType.TEXT_HTML})
        public Response creditNoteXml(@PathParam("id") String id) {
            return xml(api, "/api/credit-notes/" + Api.seg(id), "gutschrift");
        }
    }

    /** A billing period (2026-11) as German month and year (November 2026); templates: {@code inject:invoicePeriods}. */
    @Named("invoicePeriods")
    @ApplicationScoped
    public static class Periods {

        private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("LLLL yyyy", Locale.GERMANY);

        public String of(Object period) {
            if (period == null || period.toString().isBlank()) {
                return "–";
            }
            try {
                return YearMonth.parse(period.toString()).format(MONTH);
            } catch (DateTimeParseException e) {
                return period.toString();
            }
        }
    }
}

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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Money received: a camt.053 bank statement uploaded and handed to the billing API as it is (the API
 * reads it, books what it can match and lists the rest), and the unmatched bank entries with a form to
 * book each for an invoice.
 */
@Path("/abrechnung/zahlungen")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("billing-admin")
public class BillingPaymentsPage {

    static final int PAGE_SIZE = 50;

    /** What the last import did, as the redirect after it carries it (numbers only). */
    @TemplateData
    public record ImportResult(Integer booked, Integer duplicates, Integer unmatched) {
    }

    /** An assignment form the API refused: which entry, the invoice entered, the problem. */
    @TemplateData
    public record RowProblem(String id, String invoiceId, ApiProblem problem) {
        static final RowProblem NONE = new RowProblem("", null, null);

        public boolean is(Object entryId) {
            return problem != null && entryId != null && id.equals(entryId.toString());
        }
    }

    @Location("BillingAdminPage/payments.html")
    Template paymentsPage;

    @Inject
    Api api;

    @GET
    public TemplateInstance payments(@QueryParam("erledigt") String done, @QueryParam("gebucht") Integer booked,
            @QueryParam("doppelt") Integer duplicates, @QueryParam("offen") Integer unmatched,
            @QueryParam("page") Integer page) {
        ImportResult result = "camt".equals(done) ? new ImportResult(booked, duplicates, unmatched) : null;
        return page(page, done, result, null, RowProblem.NONE);
    }

    private TemplateInstance page(Integer page, String done, ImportResult result, ApiProblem uploadProblem, RowProblem row) {
        int p = Listing.index(page);
        ApiResult found = api.get(Service.BILLING, Api.path("/api/payments/unmatched", "page", p, "size", PAGE_SIZE));
        return paymentsPage.data("unmatched", Listing.of(found, p, PAGE_SIZE,
                        shown -> Api.path("/abrechnung/zahlungen", "page", shown) + "#nicht-zugeordnet"))
                .data("listProblem", found.problem()).data("done", done).data("result", result)
                .data("uploadProblem", uploadProblem).data("row", row);
    }

    /** The uploaded statement goes to the billing API byte for byte; the API decides whether it is one. */
    @POST
    @Path("/camt053")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("statement") FileUpload statement) {
        if (statement == null || statement.uploadedFile() == null || statement.size() == 0) {
            return Forms.again(400, page(null, null, null,
                    Forms.invalid("statement", "Bitte wählen Sie eine camt.053-Datei (XML) aus."), RowProblem.NONE));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(statement.uploadedFile());
        } catch (IOException e) {
            return Forms.again(400, page(null, null, null,
                    Forms.invalid("statement", "Die Datei konnte nicht gelesen werden. Bitte laden Sie sie noch einmal hoch."),
                    RowProblem.NONE));
        }
        ApiResult imported = api.postRaw(Service.BILLING, "/api/payments/camt053", bytes, "application/xml");
        if (imported.ok()) {
            Map<String, Object> result = imported.map();
            Object unmatched = result.get("unmatched") instanceof List<?> l ? l.size() : 0;
            return Forms.seeOther(Api.path("/abrechnung/zahlungen", "erledigt", "camt", "gebucht", result.get("booked"),
                    "doppelt", result.get("duplicates"), "offen", unmatched) + "#ergebnis");
        }
        return Forms.again(imported.status(), page(null, null, null, statementProblem(imported.problem()), RowProblem.NONE));
    }

    /** The API names the request body ("body"); on this page that is the file field. */
    static ApiProblem statementProblem(ApiProblem problem) {
        if (problem == null) {
            return null;
        }
        return new ApiProblem(problem.status(), problem.title(), problem.detail(), problem.violations().stream()
                .map(v -> "body".equals(v.field()) ? new ApiProblem.Violation("statement", v.message()) : v).toList());
    }

    @POST
    @Path("/{id}/zuordnung")
    public Response assign(@PathParam("id") String id, @RestForm String invoiceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceId", Forms.value(invoiceId));
        ApiResult booked = api.post(Service.BILLING, "/api/payments/unmatched/" + Api.seg(id) + "/assignment", body);
        if (booked.ok()) {
            return Forms.seeOther("/abrechnung/zahlungen?erledigt=zugeordnet#nicht-zugeordnet");
        }
        return Forms.again(booked.status(), page(null, null, null, null, new RowProblem(id, invoiceId, booked.problem())));
    }
}

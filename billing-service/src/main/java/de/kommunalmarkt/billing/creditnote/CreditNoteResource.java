package de.kommunalmarkt.billing.creditnote;

import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.invoice.InvoiceService;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Credit notes (type 381), read by the municipality they are for and by billing admins. */
@Path("/api/credit-notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit notes")
public class CreditNoteResource {

    private final CreditNoteService service;
    private final CreditNoteXRechnung xrechnung;
    private final Caller caller;
    private final Periods periods;

    public CreditNoteResource(CreditNoteService service, CreditNoteXRechnung xrechnung, Caller caller, Periods periods) {
        this.service = service;
        this.xrechnung = xrechnung;
        this.caller = caller;
        this.periods = periods;
    }

    /** Credit notes correcting invoices of {@code period} (the corrected invoice's period) and/or of a municipality. */
    @GET
    @RolesAllowed({Roles.ADOPTER, Roles.BILLING_ADMIN})
    public PageResult<CreditNoteSummary> list(@QueryParam("period") String period,
            @QueryParam("municipality") String municipality, @Valid @BeanParam PageParams page) {
        if (municipality != null && !Ags.isValid(municipality)) {
            throw ProblemException.badRequest("municipality", "must be an AGS of 8 digits");
        }
        return service.list(InvoiceService.Scope.of(caller), periods.endedOrNull(period, "period"), municipality, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADOPTER, Roles.BILLING_ADMIN})
    public CreditNoteView get(@PathParam("id") String id) {
        return service.get(InvoiceService.Scope.of(caller), RequestParams.pathId(id, "Credit note"));
    }

    /** The credit note as XRechnung (type code 381, the corrected invoice as preceding invoice reference BG-3). */
    @GET
    @Path("/{id}/xrechnung")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({Roles.ADOPTER, Roles.BILLING_ADMIN})
    public Response xrechnung(@PathParam("id") String id) {
        CreditNoteView note = service.get(InvoiceService.Scope.of(caller), RequestParams.pathId(id, "Credit note"));
        return Response.ok(xrechnung.write(note), MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + note.number() + ".xml\"")
                .build();
    }
}

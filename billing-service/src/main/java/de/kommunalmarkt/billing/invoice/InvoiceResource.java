package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.billing.Periods;
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

@Path("/api/invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADOPTER, Roles.BILLING_ADMIN})
@Tag(name = "Invoices")
public class InvoiceResource {

    private final InvoiceService service;
    private final XRechnungWriter xrechnung;
    private final Caller caller;
    private final Periods periods;

    public InvoiceResource(InvoiceService service, XRechnungWriter xrechnung, Caller caller, Periods periods) {
        this.service = service;
        this.xrechnung = xrechnung;
        this.caller = caller;
        this.periods = periods;
    }

    @GET
    public PageResult<InvoiceSummary> list(@QueryParam("period") String period,
            @QueryParam("municipality") String municipality, @Valid @BeanParam PageParams page) {
        if (municipality != null && !Ags.isValid(municipality)) {
            throw ProblemException.badRequest("municipality", "must be an AGS of 8 digits");
        }
        return service.list(scope(), periods.endedOrNull(period, "period"), municipality, page);
    }

    @GET
    @Path("/{id}")
    public InvoiceView get(@PathParam("id") String id) {
        return service.get(scope(), RequestParams.pathId(id, "Invoice"));
    }

    /** The invoice as XRechnung (EN 16931, CII syntax), to hand to the municipality's e-invoice inbox. */
    @GET
    @Path("/{id}/xrechnung")
    @Produces(MediaType.APPLICATION_XML)
    public Response xrechnung(@PathParam("id") String id) {
        InvoiceView invoice = service.get(scope(), RequestParams.pathId(id, "Invoice"));
        return Response.ok(xrechnung.write(invoice), MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + invoice.number() + ".xml\"")
                .build();
    }

    private InvoiceService.Scope scope() {
        return InvoiceService.Scope.of(caller);
    }
}

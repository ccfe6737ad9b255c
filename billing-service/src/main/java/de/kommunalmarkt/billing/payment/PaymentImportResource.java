package de.kommunalmarkt.billing.payment;

import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BILLING_ADMIN)
@Tag(name = "Payments")
public class PaymentImportResource {

    private final Camt053Import camt053;
    private final Caller caller;

    public PaymentImportResource(Camt053Import camt053, Caller caller) {
        this.camt053 = camt053;
        this.caller = caller;
    }

    /**
     * Imports an ISO 20022 camt.053 bank statement: {@code {booked, duplicates, unmatched}}. Any content type:
     * a statement is an XML file (application/xml, text/xml, or an upload as application/octet-stream), and
     * what is no camt.053 document is a 400 whatever it was labelled.
     */
    @POST
    @Path("/camt053")
    @Consumes(MediaType.WILDCARD)
    public Camt053ImportResult importStatement(byte[] statement) {
        return camt053.importStatement(statement == null ? new byte[0] : statement, caller.name());
    }

    @GET
    @Path("/unmatched")
    public PageResult<UnmatchedEntryView> unmatched(@Valid @BeanParam PageParams page) {
        return camt053.unmatched(page);
    }

    /** 201 with the payment the entry was booked as. */
    @POST
    @Path("/unmatched/{id}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("id") String id, @Valid @NotNull AssignmentRequest request) {
        PaymentView payment = camt053.assign(RequestParams.pathId(id, "Unmatched bank entry"), request.invoiceId(), caller.name());
        return Response.status(Response.Status.CREATED).entity(payment).build();
    }
}

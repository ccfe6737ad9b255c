package de.kommunalmarkt.billing.payment;

import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/invoices/{id}/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BILLING_ADMIN)
@Tag(name = "Payments")
public class InvoicePaymentResource {

    private final PaymentService payments;
    private final Caller caller;

    public InvoicePaymentResource(PaymentService payments, Caller caller) {
        this.payments = payments;
        this.caller = caller;
    }

    /** 201 with the payment and the invoice's status and open amount after it. */
    @POST
    public Response book(@PathParam("id") String id, @Valid @NotNull PaymentRequest request) {
        PaymentView payment = payments.book(RequestParams.pathId(id, "Invoice"), request, caller.name());
        return Response.status(Response.Status.CREATED).entity(payment).build();
    }
}

package de.kommunalmarkt.billing.creditnote;

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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A billing admin's credit note for an invoice: some or all of its lines, with a reason. */
@Path("/api/invoices/{id}/credit-notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credit notes")
public class InvoiceCreditNoteResource {

    private final CreditNoteService service;
    private final Caller caller;

    public InvoiceCreditNoteResource(CreditNoteService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** A billing admin credits (part of) lines of an invoice → 201 with the credit note. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BILLING_ADMIN)
    public Response issue(@PathParam("id") String id, @Valid @NotNull CreditNoteRequest request) {
        CreditNoteView note = service.issue(RequestParams.pathId(id, "Invoice"), request, caller.name());
        return Response.created(URI.create("/api/credit-notes/" + note.id())).entity(note).build();
    }
}

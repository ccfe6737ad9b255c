package de.kommunalmarkt.licensing.webhook;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling operator's webhook (the operator comes from the token only). */
@Path("/api/operators/me/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed(Roles.OPERATOR)
public class WebhookResource {

    private final WebhookService service;
    private final Caller caller;

    public WebhookResource(WebhookService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Operation(summary = "Register or move the operator's webhook endpoint; answers with a new signing secret, shown only this once")
    @APIResponse(responseCode = "200", description = "Registered: url, registeredAt and secret (whsec_...)")
    @APIResponse(responseCode = "400", description = "url missing, not https (http only for loopback where allowed), with credentials or a fragment")
    public WebhookView register(@Valid @NotNull WebhookRequest request) {
        return service.register(caller.requireOperator(), request.url());
    }

    @GET
    @Operation(summary = "The operator's webhook endpoint (never its secret)")
    @APIResponse(responseCode = "404", description = "The operator has no webhook")
    public WebhookView get() {
        return service.get(caller.requireOperator());
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "The operator's webhook deliveries, newest first: event, attempts, last status or error, next attempt, state")
    public PageResult<WebhookDeliveryView> deliveries(@Valid @BeanParam PageParams page) {
        return service.deliveries(caller.requireOperator(), page);
    }
}

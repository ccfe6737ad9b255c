package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.common.web.RequestParams;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class DeploymentResource {

    private final DeploymentService service;
    private final DeploymentStream stream;
    private final Caller caller;

    public DeploymentResource(DeploymentService service, DeploymentStream stream, Caller caller) {
        this.service = service;
        this.stream = stream;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.MARKETPLACE_ADMIN})
    @Operation(summary = "Deployments in queue order: an operator its own, a marketplace admin all")
    public PageResult<DeploymentView> list(@QueryParam("state") String state, @Valid @BeanParam PageParams page) {
        return service.list(scope(), RequestParams.queryEnum("state", state, DeploymentState.class), page);
    }

    /**
     * The operator's deployment events as Server-Sent Events: {@code id} is the operator's event
     * number, {@code event} the event type, {@code data} the event's JSON as on Kafka. A client that
     * reconnects with {@code Last-Event-ID} (or {@code ?lastEventId=}) gets exactly the events after it.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Server-Sent Events of the operator's own deployment events, resumable with Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventIdQuery, @Context Sse sse) {
        String operatorId = caller.requireOperator();
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdQuery;
        long after = 0;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Last-Event-ID", "must be the id of an event of this stream (a number)");
            }
            if (after < 0) {
                throw ProblemException.badRequest("Last-Event-ID", "must be the id of an event of this stream (a number)");
            }
        }
        return stream.of(operatorId, after).map(e -> sse.newEventBuilder()
                .id(Long.toString(e.seq()))
                .name(e.type())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, e.payload())
                .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.MARKETPLACE_ADMIN})
    @Operation(summary = "One deployment: the assigned operator's or, for a marketplace admin, any")
    public DeploymentView get(@PathParam("id") UUID id) {
        return service.get(id, scope());
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The assigned operator accepts a requested deployment")
    public DeploymentView accept(@PathParam("id") UUID id) {
        return service.accept(id, caller.requireOperator());
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The assigned operator reports the deployment live on liveOn: the licence becomes ACTIVE")
    public DeploymentView complete(@PathParam("id") UUID id, @Valid @NotNull CompleteRequest request) {
        return service.complete(id, request.liveOn(), caller.requireOperator(), caller.name());
    }

    @POST
    @Path("/{id}/fail")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The assigned operator reports the deployment failed, with a reason")
    public DeploymentView fail(@PathParam("id") UUID id, @Valid @NotNull FailRequest request) {
        return service.fail(id, request.reason(), caller.requireOperator());
    }

    /** The operator whose deployments the caller sees, or null for a marketplace admin (all). */
    private String scope() {
        return caller.hasRole(Roles.MARKETPLACE_ADMIN) ? null : caller.requireOperator();
    }
}

package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import de.kommunalmarkt.common.web.RequestParams;
import de.kommunalmarkt.licensing.LicensingConfig;
import io.smallrye.common.annotation.Blocking;
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
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class DeploymentResource {

    private final DeploymentService service;
    private final DeploymentStream stream;
    private final OperatorEventLog log;
    private final Caller caller;
    private final JsonWebToken token;
    private final LicensingConfig.Stream config;

    public DeploymentResource(DeploymentService service, DeploymentStream stream, OperatorEventLog log, Caller caller,
            JsonWebToken token, LicensingConfig config) {
        this.service = service;
        this.stream = stream;
        this.log = log;
        this.caller = caller;
        this.token = token;
        this.config = config.stream();
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
     * reconnects with {@code Last-Event-ID} (or {@code ?lastEventId=}) gets exactly the events after it;
     * an id the operator's stream has not reached (or no number) is a 400. A comment line comes every
     * {@code licensing.stream.heartbeat-interval} (15 s); the stream ends when the token expires.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.OPERATOR)
    @Blocking // the Last-Event-ID check reads the database; the stream itself is pushed
    @Operation(summary = "Server-Sent Events of the operator's own deployment events, resumable with Last-Event-ID")
    @APIResponse(responseCode = "200", description = "The stream: replay after Last-Event-ID, then live; ends when the token expires",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID is no number, or beyond the operator's last event")
    @APIResponse(responseCode = "429", description = "The operator holds its maximum of open streams (licensing.stream.max-per-operator)")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventIdQuery, @Context Sse sse) {
        String operatorId = caller.requireOperator();
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdQuery;
        long after = lastEventId == null || lastEventId.isBlank() ? 0 : lastEventNumber(operatorId, lastEventId.strip());
        Duration untilExpiry = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        Multi<OutboundSseEvent> events = stream.open(operatorId, after).map(e -> sse.newEventBuilder()
                .id(Long.toString(e.seq()))
                .name(e.type())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, e.payload())
                .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeatInterval())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keepalive").build());
        return Multi.createBy().merging().streams(events, heartbeats)
                .select().first(untilExpiry.isNegative() ? Duration.ZERO : untilExpiry);
    }

    /** The number a client resumes after: one the operator's stream has reached, else 400 (never a silent stream). */
    private long lastEventNumber(String operatorId, String lastEventId) {
        long after;
        try {
            after = Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Last-Event-ID", "must be the id of an event of this stream (a number)");
        }
        if (after < 0) {
            throw ProblemException.badRequest("Last-Event-ID", "must be the id of an event of this stream (a number from 0)");
        }
        long last = log.lastSeq(operatorId);
        if (after > last) {
            throw ProblemException.badRequest("Last-Event-ID", "is beyond the last event of your stream (" + last
                    + "); connect without it (or with 0) to read your stream from its start").with("lastStreamEventId", last);
        }
        return after;
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

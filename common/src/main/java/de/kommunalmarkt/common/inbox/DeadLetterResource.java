package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every service's dead letters: listed with consumer and error, replayed after a fix. */
@Path("/api/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETPLACE_ADMIN)
@Tag(name = "Dead letters")
public class DeadLetterResource {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetters deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GET
    public PageResult<DeadLetterView> list(@QueryParam("topic") String topic, @Valid @BeanParam PageParams page) {
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw ProblemException.badRequest("topic", "must be a Kafka topic name (letters, digits, '.', '_', '-')");
        }
        return deadLetters.list(topic, page).map(this::view);
    }

    @POST
    @Path("/replay")
    public ReplayReport replay(@NotNull ReplayRequest request) {
        return replay.replay(request);
    }

    private DeadLetterView view(DeadLetter d) {
        return new DeadLetterView(d.id, d.consumer, d.topic, d.partition, d.offset, d.key, deadLetters.headers(d), d.payload,
                d.errorClass, d.errorMessage, d.failedAt, d.replayedAt, d.replayOutcome);
    }
}

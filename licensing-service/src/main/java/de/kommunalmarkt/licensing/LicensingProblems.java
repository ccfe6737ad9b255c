package de.kommunalmarkt.licensing;

import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refused state transitions as problem+json: 409 with the state the resource is in. */
public class LicensingProblems {

    @ServerExceptionMapper
    public Response refusedTransition(IllegalTransitionException e) {
        Problem problem = ProblemException.conflict(e.getMessage())
                .with("currentState", e.currentState().name())
                .with("action", e.action().name())
                .toProblem();
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

package de.kommunalmarkt.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import de.kommunalmarkt.common.failure.TransientFailure;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a request can meet into RFC 9457 problem+json: refusals of service code, bean
 * validation, malformed or mistyped JSON, unknown fields and duplicate keys, security, lost optimistic locks, and — as a
 * last resort — unexpected faults (500, details only in the log).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ValidationException e) {
        if (!(e instanceof ConstraintViolationException cve)) {
            return unexpected(e);
        }
        List<Problem.Violation> violations = cve.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; "));
        return respond(new ProblemException(ProblemType.VALIDATION, detail, violations).toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        return respond(malformed(e));
    }

    /** Overrides Quarkus' built-in mapper for mistyped fields, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mistyped(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return respond(malformed(e));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return respond(malformed(json));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "No such resource";
            case MALFORMED_JSON, VALIDATION -> e.getMessage() == null ? "The request could not be read" : e.getMessage();
            default -> type.title();
        };
        Problem problem = new Problem(type.uri(), type.title(), status, detail, null, null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return respond(ProblemException.forbidden("Your roles do not allow this operation").toProblem());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return respond(ProblemException.conflict("Changed concurrently by another request; read it again and retry").toProblem());
    }

    @ServerExceptionMapper
    public Response concurrentChange(StaleStateException e) {
        return respond(ProblemException.conflict("Changed concurrently by another request; read it again and retry").toProblem());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (TransientFailure.is(e)) {
            return unavailable(e);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        ProblemType type = ProblemType.INTERNAL;
        Problem problem = new Problem(type.uri(), type.title(), type.status(),
                "An unexpected error occurred (incident " + incident + ")", null, null);
        return respond(problem);
    }

    /**
     * The database (or broker) is restarting or a lock race was lost: the transaction was rolled back or its
     * connection broke, so the client may send the request again — 503 with {@code Retry-After}, not 500. A
     * request whose commit did reach the database is refused or found done when sent again (the APIs' rules:
     * one open licence per solution, state machines), never applied twice.
     */
    private static Response unavailable(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.warnf("Transient failure, answered 503 (incident %s): %s", incident, e.toString());
        ProblemType type = ProblemType.UNAVAILABLE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(), "The service cannot reach its database "
                + "or lost a race for a lock just now; send the request again in a moment (incident " + incident + ")",
                null, null);
        return Response.status(problem.status()).header(HttpHeaders.RETRY_AFTER, "1").type(Problem.MEDIA_TYPE)
                .entity(problem).build();
    }

    private static Response unauthorized() {
        ProblemType type = ProblemType.UNAUTHORIZED;
        Problem problem = new Problem(type.uri(), type.title(), type.status(),
                "A valid bearer token is required", null, null);
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Problem malformed(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String message;
        JsonParseException duplicate = duplicateKey(e);
        if (duplicate != null) {
            field = jsonPath(((JsonParser) duplicate.getProcessor()).getParsingContext());
            message = "is given more than once";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (e instanceof JsonMappingException && !field.isEmpty()) {
            message = "has the wrong type or format";
        } else {
            message = "the body is not valid JSON";
            field = "";
        }
        List<Problem.Violation> violations = new ArrayList<>();
        violations.add(new Problem.Violation(field.isEmpty() ? "$" : field, message));
        ProblemType type = ProblemType.MALFORMED_JSON;
        String detail = field.isEmpty() ? "The request body is not valid JSON" : field + ": " + message;
        return new Problem(type.uri(), type.title(), type.status(), detail, violations, null);
    }

    /**
     * The parser's report of a repeated key (STRICT_DUPLICATE_DETECTION), which it makes only by this message
     * while standing at the key; in a nested object it arrives wrapped by the enclosing object's deserializer.
     */
    private static JsonParseException duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse && parse.getProcessor() instanceof JsonParser
                    && parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate field '")) {
                return parse;
            }
        }
        return null;
    }

    /** The path of the key the parser stands at, e.g. {@code billingAddress.city} or {@code tiers[1].monthlyFee}. */
    private static String jsonPath(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                steps.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String step : steps) {
            if (!path.isEmpty() && !step.startsWith("[")) {
                path.append('.');
            }
            path.append(step);
        }
        return path.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown && path.isEmpty()) {
            return unknown.getPropertyName();
        }
        return path.toString();
    }

    /** The field as the client named it: the method and body parameter nodes are dropped. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                if (!names.isEmpty()) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
                }
                if (name == null || name.startsWith("<")) {
                    continue;
                }
            }
            if (name != null && !name.startsWith("<")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "$" : parameter;
        }
        return String.join(".", names);
    }
}

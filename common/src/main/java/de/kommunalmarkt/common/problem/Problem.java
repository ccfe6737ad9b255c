package de.kommunalmarkt.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail as every service answers errors: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code violations} for validation, and named extension members
 * (e.g. {@code currentState}, {@code earliestEndsOn}) a client can act on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        List<Violation> violations,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field that failed validation; {@code field} is the JSON path the client sent. */
    public record Violation(String field, String message) {
    }

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}

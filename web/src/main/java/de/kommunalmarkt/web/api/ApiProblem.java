package de.kommunalmarkt.web.api;

import java.util.List;
import java.util.Map;

/**
 * An API's refusal (RFC 9457 problem+json) as a page shows it: a German title for its status, the
 * API's detail above the form, and each violation next to the field it names.
 */
@io.quarkus.qute.TemplateData
public record ApiProblem(int status, String title, String detail, List<Violation> violations) {

    @io.quarkus.qute.TemplateData
    public record Violation(String field, String message) {
    }

    public ApiProblem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** The message for one form field, or null: matches "planId" as well as "request.planId". */
    public String forField(String field) {
        for (Violation v : violations) {
            if (v.field() != null && (v.field().equals(field) || v.field().endsWith("." + field))) {
                return v.message();
            }
        }
        return null;
    }

    /** The violations no field of the form shows (they appear in the summary). */
    public List<Violation> unplaced(List<String> formFields) {
        return violations.stream().filter(v -> formFields.stream().noneMatch(f -> v.field() != null
                && (v.field().equals(f) || v.field().endsWith("." + f)))).toList();
    }

    /** Reads a problem body; a body that is none (a proxy's HTML page, say) still gives a readable message. */
    @SuppressWarnings("unchecked")
    static ApiProblem of(int status, Object body) {
        if (body instanceof Map<?, ?> map) {
            Object raw = map.get("violations");
            List<Violation> violations = raw instanceof List<?> list ? list.stream()
                    .filter(Map.class::isInstance).map(v -> (Map<String, Object>) v)
                    .map(v -> new Violation(String.valueOf(v.get("field")), String.valueOf(v.get("message"))))
                    .toList() : List.of();
            // the services' titles are English HTTP phrases: the page names the status in German instead
            String title = defaultTitle(status);
            String detail = map.get("detail") instanceof String d ? d : null;
            return new ApiProblem(status, title, detail, violations);
        }
        return new ApiProblem(status, defaultTitle(status), null, List.of());
    }

    static String defaultTitle(int status) {
        return switch (status) {
            case 400 -> "Die Eingabe ist ungültig";
            case 401 -> "Bitte melden Sie sich an";
            case 403 -> "Dafür fehlt Ihnen die Berechtigung";
            case 404 -> "Nicht gefunden";
            case 409 -> "Das steht im Widerspruch zum aktuellen Stand";
            case 422 -> "Die Angaben erfüllen die Regeln nicht";
            case 503 -> "Der Dienst ist gerade nicht erreichbar";
            default -> "Der Dienst hat die Anfrage abgelehnt (" + status + ")";
        };
    }
}

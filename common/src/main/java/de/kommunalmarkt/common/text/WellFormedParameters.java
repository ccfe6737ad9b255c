package de.kommunalmarkt.common.text;

import de.kommunalmarkt.common.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every query parameter and path segment of every request to a resource is well-formed text
 * ({@link WellFormedText#parameterFlaw}) before the resource method, or the database behind it, sees it;
 * otherwise the request is a 400 naming the parameter ({@code q}, or for a path segment the template's
 * name: {@code /api/solutions/{id}} → {@code id}). The values are decoded here from the raw URL, strictly:
 * bytes that are no UTF-8 (such as an encoded lone surrogate) are refused rather than turned into
 * replacement characters by the lenient decoders of JAX-RS. (A percent sign not followed by two hex
 * digits makes the URI invalid; Quarkus answers it with a bare 400 before any route runs.)
 */
public class WellFormedParameters {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\s*([^:}\\s]+)\\s*(?::.*)?}");

    @ServerRequestFilter(priority = Priorities.USER - 100)
    public void check(HttpServerRequest request, ResourceInfo resource) {
        ProblemException flawedQuery = queryFlaw(request.query());
        if (flawedQuery != null) {
            throw flawedQuery;
        }
        List<String> segments = segments(request.path());
        for (int i = 0; i < segments.size(); i++) {
            String flaw = flaw(segments.get(i), false);
            if (flaw != null) {
                throw ProblemException.badRequest(pathParameter(resource, segments.size() - i), flaw);
            }
        }
    }

    private static ProblemException queryFlaw(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String nameFlaw = flaw(rawName, true);
            if (nameFlaw != null) {
                return ProblemException.badRequest(rawName, nameFlaw);
            }
            String valueFlaw = equals < 0 ? null : flaw(pair.substring(equals + 1), true);
            if (valueFlaw != null) {
                return ProblemException.badRequest(decodeChecked(rawName), valueFlaw);
            }
        }
        return null;
    }

    private static String flaw(String raw, boolean inQuery) {
        try {
            return WellFormedText.parameterFlaw(decode(raw, inQuery));
        } catch (IllegalArgumentException e) {
            return "has a malformed percent-encoding";
        } catch (CharacterCodingException e) {
            return "is not well-formed UTF-8";
        }
    }

    /** A name {@link #flaw} found well-formed, decoded. */
    private static String decodeChecked(String raw) {
        try {
            return decode(raw, true);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("checked before", e);
        }
    }

    private static List<String> segments(String path) {
        return path == null ? List.of() : Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    /**
     * The name of the path parameter at the given segment, counted from the end (so an application root
     * does not count), in the matched method's template ({@code /api/solutions/{id}/plans/{planId}}).
     * Quarkus REST gives path parameters out only decoded, leniently, so the raw segment is found by its
     * place. A literal segment can only be flawed in its encoding and is named "path".
     */
    private static String pathParameter(ResourceInfo resource, int fromEnd) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path method = resource.getResourceMethod().getAnnotation(Path.class);
        List<String> template = segments((type == null ? "" : type.value()) + "/" + (method == null ? "" : method.value()));
        if (fromEnd <= template.size()) {
            Matcher parameter = TEMPLATE_PARAMETER.matcher(template.get(template.size() - fromEnd));
            if (parameter.matches()) {
                return parameter.group(1);
            }
        }
        return "path";
    }

    /**
     * Percent-decodes a raw URL component as UTF-8, reporting what lenient decoders would replace. The
     * request line reaches us as ISO-8859-1 characters, one per byte; {@code +} is a space in a query.
     */
    private static String decode(String raw, boolean plusIsSpace) throws CharacterCodingException {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0 && raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding at " + i);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    }
}

package de.kommunalmarkt.common.web;

import de.kommunalmarkt.common.problem.ProblemException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Path segments and query parameters read by hand, the one way every service types them. JAX-RS answers a
 * value it cannot convert with a bare 404; a client deserves to learn which parameter was wrong:
 * <ul>
 * <li>a path segment that is no UUID names nothing that exists, so it is 404 like an unknown id;</li>
 * <li>a query filter with a value outside its type is 400 problem+json naming the parameter (and, for an
 * enum, the allowed values); an empty or blank filter means "no filter".</li>
 * </ul>
 */
public final class RequestParams {

    private RequestParams() {
    }

    /** The id in a path segment; {@code what} names the resource in the 404 ("invoice", "licence"). */
    public static UUID pathId(String segment, String what) {
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what, segment);
        }
    }

    /** An optional UUID query parameter: null when absent or blank. */
    public static UUID queryUuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    /** An optional enum query parameter: null when absent or blank. */
    public static <E extends Enum<E>> E queryEnum(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}

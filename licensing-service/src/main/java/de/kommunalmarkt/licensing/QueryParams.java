package de.kommunalmarkt.licensing;

import de.kommunalmarkt.common.problem.ProblemException;
import java.util.Arrays;
import java.util.UUID;

/** Query filters read by hand, so a wrong value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class QueryParams {

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    private QueryParams() {
    }
}

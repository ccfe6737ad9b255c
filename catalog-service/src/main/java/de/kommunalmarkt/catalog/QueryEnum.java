package de.kommunalmarkt.catalog;

import de.kommunalmarkt.common.problem.ProblemException;
import java.util.Arrays;

/**
 * Reads an enum-valued query parameter. JAX-RS answers a query parameter it cannot convert with 404;
 * a filter value the client mistyped deserves a 400 that names the parameter and the allowed values.
 */
public final class QueryEnum {

    public static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private QueryEnum() {
    }
}

package de.kommunalmarkt.common.paging;

import de.kommunalmarkt.common.problem.ProblemException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Checks {@code page} and {@code size} of every list request (a resource method taking {@link PageParams})
 * before JAX-RS converts them: a value that is no whole number, negative, out of range or so deep that
 * page × size passes {@link PageParams#MAX_OFFSET} is a 400 naming the parameter. Runs after
 * {@code WellFormedParameters}, so the values are well-formed text.
 */
public class PagingBounds {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    @ServerRequestFilter(priority = Priorities.USER)
    public void check(SimpleResourceInfo resource, UriInfo uri) {
        if (!Arrays.asList(resource.parameterTypes()).contains(PageParams.class)) {
            return;
        }
        int size = read("size", uri.getQueryParameters().get("size"), 1, PageParams.MAX_SIZE, PageParams.DEFAULT_SIZE);
        read("page", uri.getQueryParameters().get("page"), 0, PageParams.MAX_OFFSET / size, 0);
    }

    /** The first value (the one JAX-RS binds), after every value was checked; {@code absent} without one. */
    private static int read(String name, List<String> values, int min, int max, int absent) {
        if (values == null || values.isEmpty()) {
            return absent;
        }
        for (String text : values) {
            if (!DIGITS.matcher(text).matches() || Long.parseLong(text) < min || Long.parseLong(text) > max) {
                throw ProblemException.badRequest(name, "must be a whole number from " + min + " to " + max
                        + ("page".equals(name) ? " (page × size at most " + PageParams.MAX_OFFSET + ")" : ""));
            }
        }
        return Integer.parseInt(values.get(0));
    }
}

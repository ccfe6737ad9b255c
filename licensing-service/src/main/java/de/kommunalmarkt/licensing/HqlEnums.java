package de.kommunalmarkt.licensing;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A fixed set of enum constants written into a query as HQL literals, {@code (a.b.State.X, a.b.State.Y)}.
 * Hibernate caches the plan of a query — its translation to SQL — only when no parameter is bound to a
 * collection, so a constant set passed as {@code in ?1} would be translated anew on every execution; as
 * literals the query text is constant and its plan is translated once.
 */
public final class HqlEnums {

    private HqlEnums() {
    }

    /** The constants as an HQL list of literals; {@code constants} must not be empty. */
    public static String list(Collection<? extends Enum<?>> constants) {
        if (constants.isEmpty()) {
            throw new IllegalArgumentException("an HQL list needs at least one constant");
        }
        return constants.stream().map(c -> c.getDeclaringClass().getCanonicalName() + "." + c.name())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}

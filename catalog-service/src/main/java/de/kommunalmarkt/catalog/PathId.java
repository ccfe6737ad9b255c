package de.kommunalmarkt.catalog;

import de.kommunalmarkt.common.problem.ProblemException;
import java.util.UUID;

/** Reads a UUID path segment: a segment that is no UUID names nothing, so it is "not found" rather than a 400. */
public final class PathId {

    public static UUID uuid(String segment, String what) {
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, segment);
        }
    }

    private PathId() {
    }
}

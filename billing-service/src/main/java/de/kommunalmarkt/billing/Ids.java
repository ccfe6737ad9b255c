package de.kommunalmarkt.billing;

import de.kommunalmarkt.common.problem.ProblemException;
import java.util.UUID;

/** Ids in paths: a text that is no UUID names nothing that exists, so it is a 404 like an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}

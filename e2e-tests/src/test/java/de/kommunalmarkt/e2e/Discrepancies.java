package de.kommunalmarkt.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a check found that differs from what was promised. A check goes on after a discrepancy (so one
 * run lists all of them), prints its one-line summary and then fails with every discrepancy listed.
 */
public final class Discrepancies {

    private final List<String> found = new ArrayList<>();

    /** Records a discrepancy unless {@code actual} equals {@code expected}; returns whether they agree. */
    public boolean check(String what, Object expected, Object actual) {
        if (Objects.equals(expected, actual)) {
            return true;
        }
        add(what + ": expected " + expected + " but was " + actual);
        return false;
    }

    public boolean require(String what, boolean holds) {
        if (!holds) {
            add(what);
        }
        return holds;
    }

    public void add(String discrepancy) {
        found.add(discrepancy);
    }

    public int count() {
        return found.size();
    }

    public List<String> list() {
        return List.copyOf(found);
    }

    /** Prints {@code summary} followed by the count ("E2E journeys: 1 run" → "…, 0 discrepancies") and fails on any. */
    public void report(String summary) {
        System.out.printf("%s, %d discrepancies%n", summary, found.size());
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " discrepancies:\n  - " + String.join("\n  - ", found));
        }
    }
}

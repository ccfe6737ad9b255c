package de.kommunalmarkt.billing.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What billing must know of one licence to bill it: the plan it was granted on, when it went live,
 * when it ends and its suspensions. Built either by folding licensing's events or from billing's view.
 */
final class LicenseFacts {

    /** A suspension from {@code suspendedOn} until {@code resumedOn} (exclusive; null while open). */
    record Suspension(LocalDate suspendedOn, LocalDate resumedOn) {
        @Override
        public String toString() {
            return suspendedOn + "–" + (resumedOn == null ? "" : resumedOn);
        }
    }

    String planId;
    LocalDate activatedOn;
    LocalDate endsOn;
    final List<Suspension> suspensions = new ArrayList<>();

    /** As billing's view applies a suspension: a second one while suspended changes nothing. */
    void suspend(LocalDate on) {
        if (openSuspension() < 0) {
            suspensions.add(new Suspension(on, null));
        }
    }

    /** As billing's view applies a resumption: it closes the open suspension, if there is one. */
    void resume(LocalDate on) {
        int open = openSuspension();
        if (open >= 0) {
            suspensions.set(open, new Suspension(suspensions.get(open).suspendedOn(), on));
        }
    }

    private int openSuspension() {
        for (int i = 0; i < suspensions.size(); i++) {
            if (suspensions.get(i).resumedOn() == null) {
                return i;
            }
        }
        return -1;
    }

    /** What differs from the facts billing should have, in words; empty when they agree. */
    List<String> differencesFrom(LicenseFacts expected) {
        List<String> differences = new ArrayList<>();
        compare(differences, "plan", expected.planId, planId);
        compare(differences, "activatedOn", expected.activatedOn, activatedOn);
        compare(differences, "endsOn", expected.endsOn, endsOn);
        compare(differences, "suspensions", expected.suspensions, suspensions);
        return differences;
    }

    private static void compare(List<String> differences, String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            differences.add(what + ": licensing's events say " + expected + ", billing has " + actual);
        }
    }
}

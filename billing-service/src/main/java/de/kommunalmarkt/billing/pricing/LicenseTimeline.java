package de.kommunalmarkt.billing.pricing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a licence is billable: from its activation date through {@code endsOn} (the last active day,
 * null while not terminated), less its suspensions.
 */
public record LicenseTimeline(LocalDate activatedOn, LocalDate endsOn, List<Suspension> suspensions) {

    public LicenseTimeline {
        Objects.requireNonNull(activatedOn, "activatedOn is required: only activated licences are billed");
        suspensions = List.copyOf(Objects.requireNonNull(suspensions, "suspensions are required (may be empty)"));
    }

    public static LicenseTimeline activeFrom(LocalDate activatedOn) {
        return new LicenseTimeline(activatedOn, null, List.of());
    }

    public LicenseTimeline endingOn(LocalDate newEndsOn) {
        return new LicenseTimeline(activatedOn, newEndsOn, suspensions);
    }

    public LicenseTimeline suspended(LocalDate suspendedOn, LocalDate resumedOn) {
        List<Suspension> more = new ArrayList<>(suspensions);
        more.add(new Suspension(suspendedOn, resumedOn));
        return new LicenseTimeline(activatedOn, endsOn, more);
    }
}

package de.kommunalmarkt.billing.pricing;

import java.time.LocalDate;
import java.util.Objects;

/** Billing stops on {@code suspendedOn} and starts again on {@code resumedOn} (exclusive); null = still suspended. */
public record Suspension(LocalDate suspendedOn, LocalDate resumedOn) {

    public Suspension {
        Objects.requireNonNull(suspendedOn, "suspendedOn is required");
        if (resumedOn != null && resumedOn.isBefore(suspendedOn)) {
            throw new IllegalArgumentException("resumedOn " + resumedOn + " is before suspendedOn " + suspendedOn);
        }
    }

    public static Suspension open(LocalDate suspendedOn) {
        return new Suspension(suspendedOn, null);
    }
}

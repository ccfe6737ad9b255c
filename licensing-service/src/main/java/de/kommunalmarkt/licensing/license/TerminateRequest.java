package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The adopter's notice: the last active day, the last day of a month. */
public record TerminateRequest(@NotNull LocalDate endsOn) {
}

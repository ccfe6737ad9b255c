package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The first day a licence is not billed. */
public record SuspendRequest(@NotNull LocalDate suspendedOn) {
}

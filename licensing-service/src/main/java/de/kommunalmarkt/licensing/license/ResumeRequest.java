package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The first day a suspended licence is billed again. */
public record ResumeRequest(@NotNull LocalDate resumedOn) {
}

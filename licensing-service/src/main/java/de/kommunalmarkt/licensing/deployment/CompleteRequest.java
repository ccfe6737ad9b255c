package de.kommunalmarkt.licensing.deployment;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The day the deployment went live (not in the future, Europe/Berlin): the licence's activation date. */
public record CompleteRequest(@NotNull LocalDate liveOn) {
}

package de.kommunalmarkt.licensing.deployment;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The day the deployment went live (from the day the licence was granted through today, Europe/Berlin): the licence's activation date. */
public record CompleteRequest(@NotNull LocalDate liveOn) {
}

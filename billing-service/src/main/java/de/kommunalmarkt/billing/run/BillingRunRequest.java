package de.kommunalmarkt.billing.run;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Start (or resume) the run of a period. */
public record BillingRunRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be a month written YYYY-MM, e.g. 2026-11")
        String period) {
}

package de.kommunalmarkt.catalog.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A review as its author writes it: 1–5 stars and the experience report. */
public record ReviewRequest(
        @NotNull @Min(value = 1, message = "must be between 1 and 5") @Max(value = 5, message = "must be between 1 and 5") Integer stars,
        @NotBlank @Size(max = 5000) String report) {
}

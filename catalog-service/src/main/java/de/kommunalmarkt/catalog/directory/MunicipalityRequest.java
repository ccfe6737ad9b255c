package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.Ags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** What a marketplace admin sends to register or update a municipality. */
public record MunicipalityRequest(
        @NotNull @Pattern(regexp = Ags.PATTERN, message = Ags.MESSAGE) String ags,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Positive(message = "must be more than 0") @Max(value = 100_000_000, message = "must be at most 100000000") Long inhabitants,
        @NotNull @ValidLeitwegId String leitwegId,
        @NotNull @Valid Address billingAddress,
        @NotBlank @ContactEmail @Size(max = 254) String contactEmail) {

    public record Address(
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Pattern(regexp = "[0-9]{5}", message = "must be a 5-digit German postal code") String postalCode,
            @NotBlank @Size(max = 100) String city,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String countryCode) {
    }
}

package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What an adopter sends to request a licence; the adopter is the token's municipality. */
public record LicenseRequest(
        @NotNull UUID solutionId,
        @NotNull UUID planId,
        @NotNull @Size(max = 63) @Pattern(regexp = OPERATOR_ID, message = "must be an operator id (lower-case letters and digits, single hyphens between)") String operatorId) {

    public static final String OPERATOR_ID = "[a-z0-9]+(-[a-z0-9]+)*";
}

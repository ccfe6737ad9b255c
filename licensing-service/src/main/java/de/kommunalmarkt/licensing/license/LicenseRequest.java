package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.events.OperatorId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What an adopter sends to request a licence; the adopter is the token's municipality. */
public record LicenseRequest(
        @NotNull UUID solutionId,
        @NotNull UUID planId,
        @NotNull @Size(max = OperatorId.MAX_LENGTH) @Pattern(regexp = OperatorId.PATTERN, message = OperatorId.MESSAGE) String operatorId) {
}

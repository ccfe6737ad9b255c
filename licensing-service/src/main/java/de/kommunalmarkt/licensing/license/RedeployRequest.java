package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** After a failed deployment: the operator (the same or another) to ask again. */
public record RedeployRequest(
        @NotNull @Size(max = 63) @Pattern(regexp = LicenseRequest.OPERATOR_ID, message = "must be an operator id (lower-case letters and digits, single hyphens between)") String operatorId) {
}

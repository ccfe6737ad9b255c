package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.events.OperatorId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** After a failed deployment: the operator (the same or another) to ask again. */
public record RedeployRequest(
        @NotNull @Size(max = OperatorId.MAX_LENGTH) @Pattern(regexp = OperatorId.PATTERN, message = OperatorId.MESSAGE) String operatorId) {
}

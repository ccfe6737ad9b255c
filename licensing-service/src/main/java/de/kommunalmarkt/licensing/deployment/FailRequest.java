package de.kommunalmarkt.licensing.deployment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the deployment failed; the adopter sees it and may ask again. */
public record FailRequest(@NotBlank @Size(max = 1000) String reason) {
}

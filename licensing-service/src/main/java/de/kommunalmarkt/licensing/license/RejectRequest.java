package de.kommunalmarkt.licensing.license;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the provider refuses a licence request; the adopter sees it. */
public record RejectRequest(@NotBlank @Size(max = 1000) String reason) {
}

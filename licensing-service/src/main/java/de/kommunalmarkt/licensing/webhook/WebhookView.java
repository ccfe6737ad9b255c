package de.kommunalmarkt.licensing.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An operator's webhook. {@code secret} is present only in the answer to the registration that made it:
 * it is shown once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String url, Instant registeredAt, String secret) {
}

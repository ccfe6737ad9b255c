package de.kommunalmarkt.licensing.webhook;

/** The endpoint an operator wants its deployment events POSTed to (checked by {@link WebhookUrl}). */
public record WebhookRequest(String url) {
}

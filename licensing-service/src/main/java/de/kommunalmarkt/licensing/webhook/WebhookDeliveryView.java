package de.kommunalmarkt.licensing.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** One delivery as the operator sees it in its log. Absent values are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDeliveryView(
        UUID eventId,
        String eventType,
        long seq,
        WebhookDelivery.State state,
        int attempts,
        Instant createdAt,
        Instant firstAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant nextAttemptAt,
        Instant deliveredAt) {

    static WebhookDeliveryView of(WebhookDelivery d) {
        return new WebhookDeliveryView(d.eventId, d.eventType, d.seq, d.state, d.attempts, d.createdAt, d.firstAttemptAt,
                d.lastAttemptAt, d.lastStatus, d.lastError,
                d.state == WebhookDelivery.State.PENDING ? d.nextAttemptAt : null, d.deliveredAt);
    }
}

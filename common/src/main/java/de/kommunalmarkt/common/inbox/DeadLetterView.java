package de.kommunalmarkt.common.inbox;

import java.time.Instant;
import java.util.Map;

/** A dead letter as the admin API shows it. */
public record DeadLetterView(long id, String consumer, String topic, int partition, long offset, String key,
        Map<String, String> headers, String payload, String errorClass, String errorMessage, Instant failedAt,
        Instant replayedAt, String replayOutcome) {
}

package de.kommunalmarkt.licensing.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th wait of the list (the
 * last one repeats), but never later than {@code giveUpAfter} after the first attempt, which is the
 * moment of the last attempt. A failure at or after that moment is final.
 */
public record RetrySchedule(List<Duration> backoff, Duration giveUpAfter) {

    public RetrySchedule {
        if (backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("backoff needs at least one positive wait: " + backoff);
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giveUpAfter must not be negative: " + giveUpAfter);
        }
        backoff = List.copyOf(backoff);
    }

    /**
     * The next attempt after the {@code attempts}-th failed one (from 1), or empty when the delivery has
     * failed for good.
     */
    public Optional<Instant> next(int attempts, Instant firstAttemptAt, Instant failedAt) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts counts from 1: " + attempts);
        }
        Instant deadline = firstAttemptAt.plus(giveUpAfter);
        if (!failedAt.isBefore(deadline)) {
            return Optional.empty();
        }
        Instant next = failedAt.plus(backoff.get(Math.min(attempts, backoff.size()) - 1));
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}

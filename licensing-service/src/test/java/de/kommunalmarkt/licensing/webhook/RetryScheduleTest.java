package de.kommunalmarkt.licensing.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4)), Duration.ofHours(24));
    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theNthFailureWaitsTheNthBackoffAndTheLastOneRepeats() {
        assertThat(DEFAULT.next(1, FIRST, FIRST)).contains(FIRST.plusSeconds(5));
        Instant second = FIRST.plusSeconds(5);
        assertThat(DEFAULT.next(2, FIRST, second)).contains(second.plusSeconds(30));
        assertThat(DEFAULT.next(8, FIRST, FIRST.plusSeconds(3600))).contains(FIRST.plusSeconds(3600 + 4 * 3600));
        assertThat(DEFAULT.next(12, FIRST, FIRST.plusSeconds(3600))).contains(FIRST.plusSeconds(3600 + 4 * 3600));
    }

    @Test
    void attemptsEnd24HoursAfterTheFirstWithALastAttemptAtThatMoment() {
        Instant deadline = FIRST.plus(Duration.ofHours(24));
        assertThat(DEFAULT.next(10, FIRST, deadline.minusSeconds(60))).contains(deadline);
        assertThat(DEFAULT.next(11, FIRST, deadline)).isEmpty();
        assertThat(DEFAULT.next(11, FIRST, deadline.plusSeconds(1))).isEmpty();
    }

    @Test
    void followingTheDefaultScheduleADeadEndpointIsTriedAboutADozenTimesIn24Hours() {
        Instant now = FIRST;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = DEFAULT.next(attempts, FIRST, now)).isPresent()) {
            now = next.get();
            attempts++;
        }
        assertThat(now).isEqualTo(FIRST.plus(Duration.ofHours(24)));
        assertThat(attempts).isEqualTo(14);
    }

    @Test
    void aScheduleNeedsPositiveWaits() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULT.next(0, FIRST, FIRST)).isInstanceOf(IllegalArgumentException.class);
    }
}

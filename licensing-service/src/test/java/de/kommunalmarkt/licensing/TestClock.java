package de.kommunalmarkt.licensing;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The service's clock in tests: the real time in Europe/Berlin, moved by a test to another day (and
 * put back afterwards with {@link #reset()}). It replaces the clock of {@link de.kommunalmarkt.common.time.Clocks} for every bean, so
 * "today" moves for the REST API and the expiry job alike.
 */
@Mock
@Singleton
public class TestClock extends Clock {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private volatile Duration offset = Duration.ZERO;

    /** From now on "today" is {@code day} (the time of day runs on as the real one does). */
    public void moveTo(LocalDate day) {
        offset = Duration.ofDays(day.toEpochDay() - LocalDate.now(ZONE).toEpochDay());
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    public LocalDate today() {
        return LocalDate.now(this);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}

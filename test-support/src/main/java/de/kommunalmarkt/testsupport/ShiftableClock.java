package de.kommunalmarkt.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A service's clock in tests: the real time in Europe/Berlin, moved by a test to another day (and put
 * back afterwards with {@link #reset()}). Each service's tests declare it as the clock bean with a
 * one-line subclass ({@code @Mock @Singleton class TestClock extends ShiftableClock}), which replaces the
 * clock of common's {@code Clocks} for every bean, so "today" moves for the REST API and the scheduled
 * jobs alike.
 */
public class ShiftableClock extends Clock {

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

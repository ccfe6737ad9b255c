package de.kommunalmarkt.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of every service: "today" is {@code LocalDate.now(clock)} in the zone {@code kommunalmarkt.time.zone}
 * (Europe/Berlin by default). Application-scoped, so a test can move it
 * ({@code QuarkusMock.installMockForType(Clock.fixed(...), Clock.class)}) or replace it with a {@code @Mock} bean.
 */
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock(TimeConfig config) {
        return Clock.system(config.zone());
    }
}

package de.kommunalmarkt.licensing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock of the domain's dates: "today" is today in the configured zone (Europe/Berlin). */
public class Clocks {

    @Produces
    @Singleton
    Clock clock(LicensingConfig config) {
        return Clock.system(config.zone());
    }
}

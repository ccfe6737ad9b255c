package de.kommunalmarkt.billing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of payments, balances and dunning, in billing's calendar (Europe/Berlin): "today" for a
 * payment's date, a refund and the dunning job. Application-scoped, so a test can move it
 * ({@code QuarkusMock.installMockForType(Clock.fixed(...), Clock.class)}).
 */
public class BillingClock {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.system(Periods.ZONE);
    }
}

package de.kommunalmarkt.licensing;

import de.kommunalmarkt.testsupport.ShiftableClock;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

/** The service's clock in tests ({@link ShiftableClock}): "today" moves for the REST API and the expiry job alike. */
@Mock
@Singleton
public class TestClock extends ShiftableClock {
}

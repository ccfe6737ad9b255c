package de.kommunalmarkt.catalog;

import de.kommunalmarkt.testsupport.ShiftableClock;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

/** The service's clock in tests ({@link ShiftableClock}): "today" moves for the REST API and the scheduled close of scaling rounds alike. */
@Mock
@Singleton
public class TestClock extends ShiftableClock {
}

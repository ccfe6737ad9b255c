package de.kommunalmarkt.licensing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "licensing")
public interface LicensingConfig {

    /** The calendar dates of the domain (activation, notice, suspension) are dates in this zone. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    Stream stream();

    Expiry expiry();

    Metrics metrics();

    interface Stream {
        /** How often an open SSE connection looks for new events of its operator. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Events read per look. */
        @WithDefault("100")
        int batchSize();
    }

    interface Expiry {
        /** How often licences whose {@code endsOn} has passed are set TERMINATED. */
        @WithDefault("10m")
        Duration interval();
    }

    interface Metrics {
        /** How often the deployments-by-state gauge is read from the database. */
        @WithDefault("5s")
        Duration refreshInterval();
    }
}

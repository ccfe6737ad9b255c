package de.kommunalmarkt.licensing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "licensing")
public interface LicensingConfig {

    Stream stream();

    Expiry expiry();

    Suspension suspension();

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
        /**
         * When the daily job ends the licences whose {@code endsOn} has passed (TERMINATED, LicenseEnded):
         * a Quartz-style cron in the marketplace's zone ({@code kommunalmarkt.time.zone}); shortly after midnight, the first moment the day after
         * {@code endsOn} has come.
         */
        @WithDefault("0 5 0 * * ?")
        String cron();
    }

    interface Suspension {
        /**
         * How far back a suspension or resumption may be dated, in months before today (docs/DOMAIN.md,
         * section "Suspension and resumption": 12). Billing corrects the months it has billed since.
         */
        @WithDefault("12")
        int maxMonthsBack();
    }

    interface Metrics {
        /** How often the deployments-by-state gauge is read from the database. */
        @WithDefault("5s")
        Duration refreshInterval();
    }
}

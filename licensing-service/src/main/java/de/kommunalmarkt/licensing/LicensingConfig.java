package de.kommunalmarkt.licensing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "licensing")
public interface LicensingConfig {

    Stream stream();

    Webhooks webhooks();

    Expiry expiry();

    Suspension suspension();

    Metrics metrics();

    interface Stream {
        /** How often an open SSE connection gets a comment line when no event came, so idle proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeatInterval();

        /**
         * How often every operator with an open stream is read again without a notification: covers a
         * notification lost while the listening connection was down.
         */
        @WithDefault("10s")
        Duration recheckInterval();

        /** How long the listener waits before it opens its connection again after losing it. */
        @WithDefault("1s")
        Duration listenerReconnectDelay();

        /** Open streams one operator may hold on one instance; one more is refused with 429. */
        @WithDefault("5")
        int maxPerOperator();

        /** Events read per look. */
        @WithDefault("100")
        int batchSize();

        /** Threads that read operators' new events for their open streams (one read per operator at a time). */
        @WithDefault("4")
        int readers();
    }

    interface Webhooks {
        /** How often due deliveries are looked for (besides right after a commit that wrote one). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries sent at the same time by one instance (each to another operator). */
        @WithDefault("4")
        int workers();

        /** Connect and response timeout of one delivery attempt. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * Waits after the 1st, 2nd, ... failed attempt; the last one repeats. Attempts end
         * {@link #giveUpAfter()} after the first one (the last attempt falls on that moment).
         */
        @WithDefault("5s,30s,2m,10m,30m,1h,2h,4h")
        List<Duration> backoff();

        /** How long after the first attempt a delivery is retried before it is marked FAILED. */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** Accept {@code http://} endpoints on loopback addresses (development and tests only). */
        @WithDefault("false")
        boolean allowHttpLoopback();
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

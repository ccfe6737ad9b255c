package de.kommunalmarkt.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The catalog's own settings ({@code catalog.*}). */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    DemoData demoData();

    /** How each instance follows the changes every instance commits (PostgreSQL LISTEN/NOTIFY). */
    Feed feed();

    /** HTTP caching of the public reads. */
    HttpCache httpCache();

    /** Rendered search result pages kept per instance. */
    SearchPages searchPages();

    /** Scaling rounds. */
    Rounds rounds();

    interface Rounds {
        /**
         * When the job closes the scaling rounds whose date has passed: a Quartz-style cron in the
         * marketplace's zone ({@code kommunalmarkt.time.zone}). Hourly, so the first run after midnight
         * closes the rounds of the day before, and a run missed is caught up within the hour.
         */
        @WithDefault("0 5 * * * ?")
        String closeCron();
    }

    interface SearchPages {
        /**
         * How many rendered result pages (query, filters, page) an instance keeps, the most recently
         * used; every change to the public catalog empties it. 0 renders every search anew.
         */
        @WithDefault("2048")
        int capacity();
    }

    interface Feed {
        /** How long one wait for notifications lasts before the feed checks whether it should stop. */
        @WithDefault("PT1S")
        Duration pollTimeout();

        /** Pause before reconnecting after the feed's connection broke (then the catalog is read in full). */
        @WithDefault("PT2S")
        Duration reconnectPause();
    }

    interface HttpCache {
        /**
         * {@code max-age} of anonymous public reads (search, a published solution); 0: a cache keeps
         * the response but asks again each time ({@code If-None-Match} → 304 while unchanged).
         */
        @WithDefault("0")
        int maxAgeSeconds();
    }

    interface DemoData {
        /** Load the demo dataset at start-up (the local stack turns this on; loading again changes nothing). */
        @WithDefault("false")
        boolean enabled();

        /** Classpath resource of the dataset. */
        @WithDefault("demo/demo-data.json")
        String resource();
    }
}

package de.kommunalmarkt.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog's own settings ({@code catalog.*}). */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    DemoData demoData();

    interface DemoData {
        /** Load the demo dataset at start-up (the local stack turns this on; loading again changes nothing). */
        @WithDefault("false")
        boolean enabled();

        /** Classpath resource of the dataset. */
        @WithDefault("demo/demo-data.json")
        String resource();
    }
}

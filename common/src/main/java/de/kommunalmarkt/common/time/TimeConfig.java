package de.kommunalmarkt.common.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** The marketplace's calendar: every domain date (activation, notice, billing periods, due dates) is a date in this zone. */
@ConfigMapping(prefix = "kommunalmarkt.time")
public interface TimeConfig {

    @WithDefault("Europe/Berlin")
    ZoneId zone();
}

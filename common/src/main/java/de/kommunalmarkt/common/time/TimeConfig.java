package de.kommunalmarkt.common.time;

import io.smallrye.config.ConfigMapping;
import java.time.ZoneId;

/** The marketplace's calendar: every domain date (activation, notice, billing periods, due dates) is a date in this zone. */
@ConfigMapping(prefix = "kommunalmarkt.time")
public interface TimeConfig {

    /** Europe/Berlin unless configured; the default is in common's META-INF/microprofile-config.properties. */
    ZoneId zone();
}

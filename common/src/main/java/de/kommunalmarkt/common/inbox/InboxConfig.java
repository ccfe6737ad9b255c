package de.kommunalmarkt.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kommunalmarkt.inbox")
public interface InboxConfig {

    /** Attempts to apply an event before it is handed to the dead-letter topic. */
    @WithDefault("3")
    int maxAttempts();

    /** Pause between attempts, doubled each time. */
    @WithDefault("200ms")
    Duration retryBackoff();
}

package de.kommunalmarkt.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kommunalmarkt.inbox")
public interface InboxConfig {

    /**
     * Attempts to apply an event whose failure is neither transient nor poison (a bug, a fact the
     * consumer cannot place) before it is dead-lettered. Transient failures do not count.
     */
    @WithDefault("3")
    int maxAttempts();

    /** Pause after the first failed attempt, doubled after each further one. */
    @WithDefault("100ms")
    Duration retryBackoff();

    /** The longest pause between attempts while a transient failure (database or broker away) lasts. */
    @WithDefault("30s")
    Duration maxRetryBackoff();

    /** How often the open dead letters are counted for the {@code kommunalmarkt_dead_letters} gauge. */
    @WithDefault("30s")
    Duration gaugeRefreshInterval();
}

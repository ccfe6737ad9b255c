package de.kommunalmarkt.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kommunalmarkt.outbox")
public interface OutboxConfig {

    /** Whether this instance relays outbox rows to Kafka at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often pending rows are looked for (they are also sent right after each commit). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows sent per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it tries again later. */
    @WithDefault("30s")
    Duration sendTimeout();
}

package de.kommunalmarkt.common.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The mail relay's settings; the SMTP server itself is configured with {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "kommunalmarkt.mail")
public interface MailConfig {

    /** Whether this instance sends queued mails at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often due mails are looked for (they are also sent right after each commit that queued one). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Mails sent per relay transaction. */
    @WithDefault("20")
    int batchSize();

    /** How long the relay waits for the SMTP server to accept one mail. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The pause after a failed attempt; it doubles with each further failure of the same mail ... */
    @WithDefault("5s")
    Duration retryBackoff();

    /** ... up to this. A mail is retried until the SMTP server takes it. */
    @WithDefault("15m")
    Duration maxRetryBackoff();

    /** The domain part of the Message-ID every mail carries (stable over retries). */
    @WithDefault("kommunalmarkt.example")
    String messageIdDomain();
}

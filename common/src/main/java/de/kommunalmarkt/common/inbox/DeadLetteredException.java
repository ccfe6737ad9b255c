package de.kommunalmarkt.common.inbox;

/**
 * What the inbox throws for a record it gave up on, once the record is kept as a dead letter. The
 * channel's dead-letter-queue strategy writes its message to the {@code .dlq} record's
 * {@code dead-letter-reason} header (so the consumer's name and the error travel together) and the
 * original failure to {@code dead-letter-cause} / {@code dead-letter-cause-class-name}.
 */
public class DeadLetteredException extends RuntimeException {

    private final String consumer;

    DeadLetteredException(String consumer, RuntimeException failure) {
        super("consumer " + consumer + ": " + failure.getMessage(), failure);
        this.consumer = consumer;
    }

    public String consumer() {
        return consumer;
    }
}

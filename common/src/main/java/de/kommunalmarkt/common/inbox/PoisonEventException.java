package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.failure.NeverTransient;

/** A record that can never be applied (missing headers, unknown type, unreadable payload): no retry, straight to the DLQ. */
public class PoisonEventException extends RuntimeException implements NeverTransient {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

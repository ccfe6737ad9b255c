package de.kommunalmarkt.common.inbox;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A bean that consumes events names its consumers and the effect of each, so that the inbox applies
 * a live record and the replay of a dead letter through the very same code.
 */
public interface EventConsumer {

    /** Consumer name (the inbox's record of seen ids is kept per name) to the effect of one event. */
    Map<String, Consumer<ReceivedEvent>> effects();
}

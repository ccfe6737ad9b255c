package de.kommunalmarkt.billing.round;

import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds billing's rounds from {@code catalog.rounds} ({@link RoundProjection}): each event applied exactly once
 * through the common inbox, in per-key (round) order, poison dead-lettered to {@code catalog.rounds.dlq}.
 */
@ApplicationScoped
public class RoundConsumer implements EventConsumer {

    public static final String ROUNDS_CONSUMER = "billing-rounds";

    private final IdempotentConsumer inbox;
    private final RoundProjection projection;

    public RoundConsumer(IdempotentConsumer inbox, RoundProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(ROUNDS_CONSUMER, projection::applyRoundEvent);
    }

    @Incoming("rounds")
    @Blocking
    public void onRoundEvent(ConsumerRecord<String, String> record) {
        inbox.apply(ROUNDS_CONSUMER, record);
    }
}

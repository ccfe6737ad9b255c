package de.kommunalmarkt.billing.view;

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
 * Feeds billing's view from {@code licensing.licenses} and {@code catalog.directory}: each event applied
 * exactly once, in per-key order (records of a partition are processed one after the other).
 */
@ApplicationScoped
public class BillingProjectionConsumer implements EventConsumer {

    public static final String LICENSES_CONSUMER = "billing-licenses";
    static final String DIRECTORY_CONSUMER = "billing-directory";

    private final IdempotentConsumer inbox;
    private final BillingProjection projection;

    public BillingProjectionConsumer(IdempotentConsumer inbox, BillingProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(LICENSES_CONSUMER, projection::applyLicenseEvent, DIRECTORY_CONSUMER, projection::applyDirectoryEvent);
    }

    @Incoming("licenses")
    @Blocking
    public void onLicenseEvent(ConsumerRecord<String, String> record) {
        inbox.apply(LICENSES_CONSUMER, record);
    }

    @Incoming("directory")
    @Blocking
    public void onDirectoryEvent(ConsumerRecord<String, String> record) {
        inbox.apply(DIRECTORY_CONSUMER, record);
    }
}

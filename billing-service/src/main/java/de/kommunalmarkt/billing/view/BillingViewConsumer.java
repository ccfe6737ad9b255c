package de.kommunalmarkt.billing.view;

import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds billing's view from {@code licensing.licenses} and {@code catalog.directory}: each event applied
 * exactly once, in per-key order (records of a partition are processed one after the other).
 */
@ApplicationScoped
public class BillingViewConsumer {

    private final IdempotentConsumer inbox;
    private final BillingView view;

    public BillingViewConsumer(IdempotentConsumer inbox, BillingView view) {
        this.inbox = inbox;
        this.view = view;
    }

    @Incoming("licenses")
    @Blocking
    public void onLicenseEvent(ConsumerRecord<String, String> record) {
        inbox.apply("billing-licenses", record, view::applyLicenseEvent);
    }

    @Incoming("directory")
    @Blocking
    public void onDirectoryEvent(ConsumerRecord<String, String> record) {
        inbox.apply("billing-directory", record, view::applyDirectoryEvent);
    }
}

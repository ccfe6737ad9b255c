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
 * Feeds billing's view from {@code licensing.licenses}, {@code catalog.directory} and {@code catalog.solutions}
 * ({@link CatalogProjection}, for break-even): each event applied exactly once, in per-key order (records of a
 * partition are processed one after the other).
 */
@ApplicationScoped
public class BillingProjectionConsumer implements EventConsumer {

    public static final String LICENSES_CONSUMER = "billing-licenses";
    static final String DIRECTORY_CONSUMER = "billing-directory";
    public static final String SOLUTIONS_CONSUMER = "billing-solutions";

    private final IdempotentConsumer inbox;
    private final BillingProjection projection;
    private final CatalogProjection catalog;

    public BillingProjectionConsumer(IdempotentConsumer inbox, BillingProjection projection, CatalogProjection catalog) {
        this.inbox = inbox;
        this.projection = projection;
        this.catalog = catalog;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(LICENSES_CONSUMER, projection::applyLicenseEvent, DIRECTORY_CONSUMER, projection::applyDirectoryEvent,
                SOLUTIONS_CONSUMER, catalog::applySolutionEvent);
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

    @Incoming("solutions")
    @Blocking
    public void onSolutionEvent(ConsumerRecord<String, String> record) {
        inbox.apply(SOLUTIONS_CONSUMER, record);
    }
}

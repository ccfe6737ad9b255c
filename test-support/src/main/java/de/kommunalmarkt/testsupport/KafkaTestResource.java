package de.kommunalmarkt.testsupport;

import de.kommunalmarkt.infra.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, in this JVM) for {@code @QuarkusTest}s, with the marketplace's topics;
 * one per test JVM, shared by the test applications (found again through a system property, since
 * Quarkus loads test resources anew for each test application).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP_PROPERTY = "kommunalmarkt.test.kafka.bootstrap";

    /** This JVM's test broker, started on first use and found again by every later test application. */
    public static String bootstrapServers() {
        synchronized (System.class) {
            String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
            if (bootstrap != null) {
                return bootstrap;
            }
            EmbeddedKafkaBroker broker;
            try {
                broker = EmbeddedKafkaBroker.start(null, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            return broker.bootstrapServers();
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime
    }
}

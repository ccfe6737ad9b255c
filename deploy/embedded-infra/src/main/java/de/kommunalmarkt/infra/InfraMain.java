package de.kommunalmarkt.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's infrastructure process: PostgreSQL with the services' databases and a Kafka
 * broker with the marketplace's topics, state kept under one folder. Started by {@code ./kommunalmarkt
 * start}; prints one {@code READY ...} line when both accept connections, stops cleanly on SIGTERM.
 *
 * <pre>
 * java -cp ... de.kommunalmarkt.infra.InfraMain --state DIR [--postgres-port 5432] [--kafka-port 9092]
 *      [--no-postgres] [--no-kafka]
 * </pre>
 */
public final class InfraMain {

    public static final List<String> DATABASES = List.of("catalog", "licensing", "billing");

    public static void main(String[] args) throws Exception {
        Path state = null;
        int postgresPort = 5432;
        int kafkaPort = 9092;
        boolean postgres = true;
        boolean kafka = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--postgres-port" -> postgresPort = Integer.parseInt(args[++i]);
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--no-postgres" -> postgres = false;
                case "--no-kafka" -> kafka = false;
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (state == null) {
            fail("--state DIR is required");
        }
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping embedded infrastructure");
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "infra-shutdown"));

        StringBuilder ready = new StringBuilder("READY");
        if (postgres) {
            long t0 = System.nanoTime();
            Path data = state.resolve("postgres");
            Files.createDirectories(data);
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, postgresPort, DATABASES);
            running.add(server);
            System.out.printf("PostgreSQL ready on 127.0.0.1:%d (databases %s) in %d ms%n", server.port(), DATABASES,
                    (System.nanoTime() - t0) / 1_000_000);
            ready.append(" postgres=127.0.0.1:").append(server.port());
        }
        if (kafka) {
            long t0 = System.nanoTime();
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(state.resolve("kafka"), kafkaPort);
            running.add(broker);
            System.out.printf("Kafka ready on %s (topics %s) in %d ms%n", broker.bootstrapServers(),
                    EmbeddedKafkaBroker.TOPICS, (System.nanoTime() - t0) / 1_000_000);
            ready.append(" kafka=").append(broker.bootstrapServers());
        }
        System.out.println(ready);
        System.out.flush();
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("InfraMain: " + message);
        System.exit(2);
    }

    private InfraMain() {
    }
}

package de.kommunalmarkt.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's infrastructure process: PostgreSQL with the services' databases, a Kafka broker
 * with the marketplace's topics (state kept under one folder) and an SMTP/IMAP server whose mailboxes
 * hold the notifications in memory. Started by {@code ./kommunalmarkt start}; prints one
 * {@code READY ...} line when all that was asked for accepts connections, stops cleanly on SIGTERM.
 *
 * <pre>
 * java -cp ... de.kommunalmarkt.infra.InfraMain --state DIR [--postgres-port 5432] [--kafka-port 9092]
 *      [--smtp-port 3025] [--imap-port 3143] [--no-postgres] [--no-kafka] [--mail]
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
        boolean mail = false;
        int smtpPort = 3025;
        int imapPort = 3143;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--postgres-port" -> postgresPort = Integer.parseInt(args[++i]);
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--no-postgres" -> postgres = false;
                case "--no-kafka" -> kafka = false;
                case "--mail" -> mail = true;
                case "--smtp-port" -> smtpPort = Integer.parseInt(args[++i]);
                case "--imap-port" -> imapPort = Integer.parseInt(args[++i]);
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
        if (mail) {
            long t0 = System.nanoTime();
            EmbeddedMailServer server = EmbeddedMailServer.start(smtpPort, imapPort);
            running.add(server);
            System.out.printf("Mail server ready: SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d (login: the e-mail address, any password) in %d ms%n",
                    server.smtpPort(), server.imapPort(), (System.nanoTime() - t0) / 1_000_000);
            ready.append(" smtp=127.0.0.1:").append(server.smtpPort()).append(" imap=127.0.0.1:").append(server.imapPort());
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

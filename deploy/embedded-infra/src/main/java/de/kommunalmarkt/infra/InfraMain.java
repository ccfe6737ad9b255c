package de.kommunalmarkt.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local stack's infrastructure process: PostgreSQL with the services' databases, a Kafka broker
 * with the marketplace's topics (state kept under one folder) and an SMTP/IMAP server whose mailboxes
 * hold the notifications in memory. Started by {@code ./kommunalmarkt start}; prints one
 * {@code READY ...} line when all that was asked for accepts connections, stops cleanly on SIGTERM.
 *
 * <p>The broker requires SASL/SCRAM and ACLs. Its users are kept as client properties files in
 * {@code DIR/kafka-credentials/<user>.properties} (or {@code --credentials FOLDER}): the super user {@code admin}, one per service
 * ({@link KafkaAccess#SERVICES}) and one per operator named by {@code --operators}; a missing one is
 * created with a random password. {@code --grant-operators} gives operators access on a broker that
 * already runs, and exits.
 *
 * <pre>
 * java -cp ... de.kommunalmarkt.infra.InfraMain --state DIR [--postgres-port 5432] [--kafka-port 9092]
 *      [--no-postgres] [--no-kafka] [--credentials FOLDER] [--operators ID,ID...]
 *      [--mail] [--smtp-port 3025] [--imap-port 3143]
 * java -cp ... de.kommunalmarkt.infra.InfraMain --state DIR [--kafka-port 9092] [--credentials FOLDER] --grant-operators ID,ID...
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
        List<String> operators = List.of();
        List<String> grantOnly = null;
        Path credentials = null;
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
                case "--operators" -> operators = ids(args[++i]);
                case "--credentials" -> credentials = Path.of(args[++i]);
                case "--grant-operators" -> grantOnly = ids(args[++i]);
                case "--mail" -> mail = true;
                case "--smtp-port" -> smtpPort = Integer.parseInt(args[++i]);
                case "--imap-port" -> imapPort = Integer.parseInt(args[++i]);
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (state == null) {
            fail("--state DIR is required");
        }
        if (credentials == null) {
            credentials = state.resolve("kafka-credentials");
        }
        if (grantOnly != null) {
            grantOperators(credentials, "127.0.0.1:" + kafkaPort, grantOnly);
            return;
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
            String bootstrap = "127.0.0.1:" + kafkaPort;
            if (Files.exists(state.resolve("kafka").resolve("meta.properties"))
                    && !Files.exists(credentials.resolve(KafkaAccess.ADMIN + ".properties"))) {
                fail("the Kafka log in " + state.resolve("kafka") + " was written without authentication, or its admin's"
                        + " credentials in " + credentials + " are lost: delete " + state.resolve("kafka")
                        + " (the services publish their events again from their outboxes: docs/OPERATIONS.md, \"Kafka\")");
            }
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(state.resolve("kafka"), kafkaPort,
                    KafkaUser.load(credentials, KafkaAccess.ADMIN, bootstrap));
            running.add(broker);
            Map<String, KafkaUser> services = new LinkedHashMap<>();
            for (KafkaAccess.Service service : KafkaAccess.SERVICES) {
                services.put(service.principal(), KafkaUser.load(credentials, service.principal(), bootstrap));
            }
            Map<String, KafkaUser> operatorUsers = new LinkedHashMap<>();
            for (String operator : operators) {
                operatorUsers.put(operator, KafkaUser.load(credentials, KafkaAccess.operatorPrincipal(operator), bootstrap));
            }
            broker.grant(services, operatorUsers);
            System.out.printf("Kafka users %s and operators %s, client settings in %s%n", services.keySet(), operators, credentials);
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

    private static List<String> ids(String list) {
        List<String> ids = new ArrayList<>();
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    /** Gives each operator a principal and its ACLs on the broker that runs on the port; prints each properties file. */
    private static void grantOperators(Path credentials, String bootstrap, List<String> operators) throws Exception {
        if (!Files.exists(credentials.resolve(KafkaAccess.ADMIN + ".properties"))) {
            fail("no Kafka admin in " + credentials + ": start the broker first");
        }
        KafkaUser admin = KafkaUser.load(credentials, KafkaAccess.ADMIN, bootstrap);
        try (Admin client = KafkaAccess.admin(bootstrap, admin)) {
            for (String operator : operators) {
                String principal = KafkaAccess.operatorPrincipal(operator);
                KafkaUser user = KafkaUser.load(credentials, principal, bootstrap);
                KafkaAccess.grant(client, user, KafkaAccess.operatorAcls(operator));
                System.out.println(credentials.resolve(principal + ".properties"));
            }
        }
    }

    private static void fail(String message) {
        System.err.println("InfraMain: " + message);
        System.exit(2);
    }

    private InfraMain() {
    }
}

package de.kommunalmarkt.infra;

import de.kommunalmarkt.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker, single node in KRaft mode (broker and controller in one), running in
 * this JVM, with authentication (SASL/SCRAM-SHA-512) and the standard authorizer: a client must log in,
 * and may do only what an ACL allows ({@link KafkaAccess}). With a log directory it keeps its topics,
 * users and ACLs across restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The topics of docs/ARCHITECTURE.md ("Topics and events") and their dead-letter topics, created up front with 6 partitions. */
    public static final List<String> TOPICS = List.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY,
            Topics.CATALOG_ROUNDS, Topics.LICENSING_LICENSES, Topics.LICENSING_DEPLOYMENTS, Topics.BILLING_INVOICES);
    public static final int PARTITIONS = 6;
    private static final String CLUSTER_ID = "a2FmLWttLWxvY2FsLTAx";

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean temporary;
    private final KafkaUser admin;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean temporary, KafkaUser admin) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.temporary = temporary;
        this.admin = admin;
    }

    /**
     * @param logDirectory where the broker keeps its logs; {@code null} for a throw-away one
     * @param port TCP port on 127.0.0.1 for clients; 0 picks a free one
     * @param admin the super user (its SCRAM credential is written into the storage when it is formatted,
     *     so a kept log directory needs the same password again)
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, KafkaUser admin) throws IOException {
        boolean temporary = logDirectory == null;
        Path logDir = temporary ? Files.createTempDirectory("kommunalmarkt-kafka") : logDirectory;
        Files.createDirectories(logDir);
        int clientPort = port > 0 ? port : freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        // Clients authenticate with SASL/SCRAM-SHA-512 on CLIENT; the controller listener (on 127.0.0.1,
        // used by the broker alone) takes the admin by SASL/PLAIN, since SCRAM credentials live in the
        // metadata the controller serves and cannot authenticate the controller's own listener.
        props.put("listeners", "CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "CLIENT");
        props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.put("sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", KafkaAccess.MECHANISM);
        props.put("listener.name.client.sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
        props.put("listener.name.client.scram-sha-512.sasl.jaas.config", admin.jaasConfig());
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin.name() + "\" password=\""
                        + admin.password() + "\" user_" + admin.name() + "=\"" + admin.password() + "\";");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + admin.name());
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(PARTITIONS));
        // Topics are created on purpose (here, and operators' topics by licensing), never by a client's typo.
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", temporary ? "1000000" : "1");

        format(props, logDir, admin);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, logDir, temporary, admin);
        broker.createTopics(TOPICS);
        return broker;
    }

    private static void format(Properties props, Path logDir, KafkaUser admin) throws IOException {
        Path config = Files.createTempFile("kommunalmarkt-kafka", ".properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "format");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "--cluster-id", CLUSTER_ID, "--config",
                config.toString(), "--ignore-formatted", "--add-scram",
                KafkaAccess.MECHANISM + "=[name=" + admin.name() + ",password=" + admin.password() + "]"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(config);
        if (exit != 0) {
            throw new IOException("formatting Kafka storage in " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The super user's client settings. */
    public Map<String, String> adminConfig() {
        return admin.clientConfig(bootstrapServers());
    }

    /** An admin client connected as the super user. */
    public Admin admin() {
        return KafkaAccess.admin(bootstrapServers(), admin);
    }

    /**
     * Creates (or sets the password of) each service's principal and each operator's, with their ACLs
     * ({@link KafkaAccess}); {@code operators} maps operator ids to their users.
     */
    public void grant(Map<String, KafkaUser> services, Map<String, KafkaUser> operators) throws IOException {
        Map<KafkaUser, List<org.apache.kafka.common.acl.AclBinding>> users = new java.util.LinkedHashMap<>();
        services.values().forEach(user -> users.put(user, KafkaAccess.serviceAcls(KafkaAccess.service(user.name()))));
        operators.forEach((id, user) -> users.put(user, KafkaAccess.operatorAcls(id)));
        try (Admin admin = admin()) {
            KafkaAccess.grant(admin, users);
        }
    }

    /** Creates (or sets the password of) each service's principal and gives it the service's ACLs. */
    public void grantServices(Map<String, KafkaUser> services) throws IOException {
        grant(services, Map.of());
    }

    /** Creates (or sets the password of) the operator's principal and gives it the operator's ACLs. */
    public void grantOperator(String operatorId, KafkaUser user) throws IOException {
        grant(Map.of(), Map.of(operatorId, user));
    }

    /** Creates the topics and their {@code .dlq} topics if they do not exist yet. */
    public void createTopics(List<String> topics) throws IOException {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : topics) {
            wanted.add(new NewTopic(topic, PARTITIONS, (short) 1));
            wanted.add(new NewTopic(Topics.deadLetter(topic), PARTITIONS, (short) 1));
        }
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("could not create topics: " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("broker did not answer while creating topics", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteQuietly(logDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory the OS cleans up anyway
        }
    }
}

package de.kommunalmarkt.testsupport;

import de.kommunalmarkt.infra.EmbeddedKafkaBroker;
import de.kommunalmarkt.infra.KafkaAccess;
import de.kommunalmarkt.infra.KafkaUser;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, in this JVM) for {@code @QuarkusTest}s, with the marketplace's topics and,
 * as everywhere, SASL/SCRAM and ACLs; one per test JVM, shared by the test applications (found again
 * through system properties, since Quarkus loads test resources anew for each test application).
 *
 * <p>The init argument {@code service} names the principal the application under test connects as
 * ({@code catalog-service}, {@code licensing-service}, {@code billing-service}): it gets that service's
 * ACLs and nothing else, as in production. Without it the application connects as the super user
 * (common's own tests, which are no service). Test code reads and writes as the super user
 * ({@link #adminConfig()}), or as an operator ({@link #operatorConfig(String)}) to see what an operator sees.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP_PROPERTY = "kommunalmarkt.test.kafka.bootstrap";
    private static final String SECRET_PROPERTY = "kommunalmarkt.test.kafka.secret";
    private static final String GRANTED_PROPERTY = "kommunalmarkt.test.kafka.granted.";

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        if (service != null) {
            KafkaAccess.service(service); // refuses an unknown name at once
        }
    }

    /** This JVM's test broker, started on first use and found again by every later test application. */
    public static String bootstrapServers() {
        synchronized (System.class) {
            String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
            if (bootstrap != null) {
                return bootstrap;
            }
            EmbeddedKafkaBroker broker;
            try {
                broker = EmbeddedKafkaBroker.start(null, 0, user(KafkaAccess.ADMIN));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            return broker.bootstrapServers();
        }
    }

    /** Client settings of the super user, who may do anything: for test code that reads and writes as "another system". */
    public static Map<String, Object> adminConfig() {
        return new HashMap<>(user(KafkaAccess.ADMIN).clientConfig(bootstrapServers()));
    }

    /** Client settings of the service's principal (with its ACLs granted). */
    public static Map<String, Object> serviceConfig(String service) {
        KafkaUser user = user(service);
        grantOnce(user, () -> KafkaAccess.serviceAcls(KafkaAccess.service(service)));
        return new HashMap<>(user.clientConfig(bootstrapServers()));
    }

    /** Client settings of the operator's principal (with the operator's ACLs granted): what an operator connects with. */
    public static Map<String, Object> operatorConfig(String operatorId) {
        KafkaUser user = user(KafkaAccess.operatorPrincipal(operatorId));
        grantOnce(user, () -> KafkaAccess.operatorAcls(operatorId));
        return new HashMap<>(user.clientConfig(bootstrapServers()));
    }

    @Override
    public Map<String, String> start() {
        Map<String, Object> client = service == null ? adminConfig() : serviceConfig(service);
        Map<String, String> config = new HashMap<>();
        client.forEach((name, value) -> config.put("kafka." + name, value.toString()));
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime
    }

    private static void grantOnce(KafkaUser user, java.util.function.Supplier<java.util.List<org.apache.kafka.common.acl.AclBinding>> acls) {
        synchronized (System.class) {
            if (System.getProperty(GRANTED_PROPERTY + user.name()) != null) {
                return;
            }
            try (var admin = KafkaAccess.admin(bootstrapServers(), user(KafkaAccess.ADMIN))) {
                KafkaAccess.grant(admin, user, acls.get());
            } catch (IOException e) {
                throw new UncheckedIOException("could not grant " + user.name() + " access to the test broker", e);
            }
            System.setProperty(GRANTED_PROPERTY + user.name(), "true");
        }
    }

    /** The user with the name; its password follows from a secret of this JVM, so every test application derives the same. */
    private static KafkaUser user(String name) {
        String secret;
        synchronized (System.class) {
            secret = System.getProperty(SECRET_PROPERTY);
            if (secret == null) {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                System.setProperty(SECRET_PROPERTY, secret);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((secret + "/" + name).getBytes(StandardCharsets.UTF_8));
            return new KafkaUser(name, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

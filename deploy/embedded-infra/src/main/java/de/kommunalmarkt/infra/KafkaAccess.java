package de.kommunalmarkt.infra;

import de.kommunalmarkt.events.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the marketplace's broker: one principal per service, which writes only the topics
 * it produces (and the {@code .dlq} of those it consumes), reads only those it consumes and uses only
 * its own consumer groups; one principal per operator, which reads only its own topics and uses only its
 * own consumer groups ({@code operators.<operatorId>.} prefixed ACLs). Everything else is refused
 * ({@code allow.everyone.if.no.acl.found=false}). The same rules are written as Strimzi {@code KafkaUser}s
 * in {@code deploy/k8s/base/kafka/users.yaml} and as {@code kafka-acls.sh} calls in
 * {@code deploy/compose/kafka-access.sh}.
 */
public final class KafkaAccess {

    /** The SASL mechanism of every client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The super user: the broker itself and the tools that set the marketplace up. */
    public static final String ADMIN = "admin";
    public static final String CATALOG = "catalog-service";
    public static final String LICENSING = "licensing-service";
    public static final String BILLING = "billing-service";

    /** What one service produces and consumes. */
    public record Service(String principal, List<String> produces, List<String> consumes, List<String> producesUnderPrefix) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service(CATALOG, List.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.CATALOG_ROUNDS),
                    List.of(Topics.LICENSING_LICENSES),
                    List.of()),
            // licensing and billing also read their own topics back (their e-mail notifications)
            new Service(LICENSING, List.of(Topics.LICENSING_LICENSES, Topics.LICENSING_DEPLOYMENTS),
                    List.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.CATALOG_ROUNDS, Topics.LICENSING_LICENSES,
                            Topics.LICENSING_DEPLOYMENTS),
                    List.of(Topics.OPERATORS_PREFIX)),
            new Service(BILLING, List.of(Topics.BILLING_INVOICES),
                    List.of(Topics.LICENSING_LICENSES, Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.CATALOG_ROUNDS,
                            Topics.BILLING_INVOICES), List.of()));

    private KafkaAccess() {
    }

    /** The principal's name of an operator: {@code operator-<operatorId>}. */
    public static String operatorPrincipal(String operatorId) {
        Topics.operatorPrefix(operatorId); // refuses what is no operator id
        return "operator-" + operatorId;
    }

    public static Service service(String principal) {
        return SERVICES.stream().filter(s -> s.principal().equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such service principal: " + principal));
    }

    /**
     * The service's ACLs: WRITE on what it produces and on the dead-letter topics of what it consumes,
     * READ on what it consumes, READ on its consumer groups (named by the principal: {@code licensing-service},
     * {@code licensing-service-notifications}, a prefixed ACL), and for licensing
     * WRITE and CREATE under {@code operators.} (it creates each operator's topic when the operator is registered).
     */
    public static List<AclBinding> serviceAcls(Service service) {
        String user = "User:" + service.principal();
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : service.produces()) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        for (String topic : service.consumes()) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(user, ResourceType.TOPIC, Topics.deadLetter(topic), PatternType.LITERAL, AclOperation.WRITE));
        }
        for (String prefix : service.producesUnderPrefix()) {
            acls.add(allow(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.WRITE));
            acls.add(allow(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.CREATE));
        }
        acls.add(allow(user, ResourceType.GROUP, service.principal(), PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    /** The operator's ACLs: READ (and so DESCRIBE) on topics and consumer groups under {@code operators.<operatorId>.}, nothing else. */
    public static List<AclBinding> operatorAcls(String operatorId) {
        String user = "User:" + operatorPrincipal(operatorId);
        String prefix = Topics.operatorPrefix(operatorId);
        return List.of(allow(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ),
                allow(user, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ));
    }

    /** Sets the user's SCRAM-SHA-512 password (creating the user) and adds the ACLs; doing it again changes nothing. */
    public static void grant(Admin admin, KafkaUser user, List<AclBinding> acls) throws IOException {
        grant(admin, Map.of(user, acls));
    }

    /** {@link #grant(Admin, KafkaUser, List)} for several users at once (one request for the passwords, one for the ACLs). */
    public static void grant(Admin admin, Map<KafkaUser, List<AclBinding>> users) throws IOException {
        String names = users.keySet().stream().map(KafkaUser::name).sorted().toList().toString();
        try {
            admin.alterUserScramCredentials(users.keySet().stream()
                    .<org.apache.kafka.clients.admin.UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.name(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.password()))
                    .toList()).all().get(60, TimeUnit.SECONDS);
            List<AclBinding> acls = users.values().stream().flatMap(List::stream).toList();
            if (!acls.isEmpty()) {
                admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            }
            for (KafkaUser user : users.keySet()) {
                awaitLogIn(admin, user);
            }
        } catch (ExecutionException e) {
            throw new IOException("could not grant " + names + " access: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while granting " + names + " access", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("broker did not answer while granting " + names + " access: " + e.getMessage(), e);
        }
    }

    /**
     * The broker learns a new credential from the metadata log a moment after the controller accepted
     * it: waits until the user can log in, so that whoever is handed the credential next can use it.
     */
    private static void awaitLogIn(Admin admin, KafkaUser user) throws InterruptedException, java.util.concurrent.TimeoutException {
        String bootstrap = admin.describeCluster().nodes().thenApply(nodes -> nodes.iterator().next())
                .thenApply(node -> node.host() + ":" + node.port()).toCompletionStage().toCompletableFuture().join();
        Map<String, Object> config = new java.util.HashMap<>(user.clientConfig(bootstrap));
        config.put("default.api.timeout.ms", "5000");
        config.put("request.timeout.ms", "5000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin probe = Admin.create(config)) {
                probe.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw new java.util.concurrent.TimeoutException(user.name() + " cannot log in: " + e.getCause());
                }
            }
            Thread.sleep(100);
        }
    }

    /** An admin client connected as the given user. */
    public static Admin admin(String bootstrapServers, KafkaUser user) {
        return Admin.create(Map.<String, Object>copyOf(user.clientConfig(bootstrapServers)));
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}

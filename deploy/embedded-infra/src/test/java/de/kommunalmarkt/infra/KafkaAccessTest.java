package de.kommunalmarkt.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker refuses what the ACLs of {@link KafkaAccess} do not allow: each service writes its own
 * topics and not another service's, an operator reads only its own, a wrong password gets nowhere.
 * Asserted by the broker's own error, not by the absence of data.
 */
class KafkaAccessTest {

    private static EmbeddedKafkaBroker broker;
    private static final Map<String, KafkaUser> SERVICES = new HashMap<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(null, 0, KafkaUser.withRandomPassword(KafkaAccess.ADMIN));
        for (KafkaAccess.Service service : KafkaAccess.SERVICES) {
            SERVICES.put(service.principal(), KafkaUser.withRandomPassword(service.principal()));
        }
        broker.grantServices(SERVICES);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eachServiceWritesItsOwnTopicButNotAnotherServices() throws Exception {
        send(SERVICES.get(KafkaAccess.CATALOG), Topics.CATALOG_DIRECTORY);
        send(SERVICES.get(KafkaAccess.CATALOG), Topics.CATALOG_ROUNDS);
        send(SERVICES.get(KafkaAccess.LICENSING), Topics.LICENSING_LICENSES);
        send(SERVICES.get(KafkaAccess.BILLING), Topics.BILLING_INVOICES);
        send(SERVICES.get(KafkaAccess.BILLING), Topics.deadLetter(Topics.LICENSING_LICENSES)); // what it consumes, dead-lettered

        assertRefused(SERVICES.get(KafkaAccess.CATALOG), Topics.LICENSING_LICENSES);
        assertRefused(SERVICES.get(KafkaAccess.LICENSING), Topics.BILLING_INVOICES);
        assertRefused(SERVICES.get(KafkaAccess.BILLING), Topics.LICENSING_LICENSES);
        assertRefused(SERVICES.get(KafkaAccess.LICENSING), Topics.CATALOG_DIRECTORY);
        assertRefused(SERVICES.get(KafkaAccess.BILLING), Topics.CATALOG_ROUNDS);
    }

    @Test
    void licensingCreatesAndWritesOperatorTopicsButTheOperatorOnlyReadsItsOwn() throws Exception {
        String a = "op-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "op-b-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaUser operatorA = KafkaUser.withRandomPassword(KafkaAccess.operatorPrincipal(a));
        broker.grantOperator(a, operatorA);
        try (Admin licensing = KafkaAccess.admin(broker.bootstrapServers(), SERVICES.get(KafkaAccess.LICENSING))) {
            licensing.createTopics(List.of(new NewTopic(Topics.operatorDeployments(a), 6, (short) 1),
                    new NewTopic(Topics.operatorDeployments(b), 6, (short) 1))).all().get();
        }
        send(SERVICES.get(KafkaAccess.LICENSING), Topics.operatorDeployments(a));

        try (KafkaConsumer<String, String> consumer = consumer(operatorA, Topics.operatorPrefix(a) + "deployer")) {
            consumer.subscribe(List.of(Topics.operatorDeployments(a)));
            int received = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (received == 0 && System.currentTimeMillis() < deadline) {
                received += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(received).isEqualTo(1);
        }
        for (String foreign : List.of(Topics.operatorDeployments(b), Topics.LICENSING_DEPLOYMENTS)) {
            try (KafkaConsumer<String, String> consumer = consumer(operatorA, Topics.operatorPrefix(a) + "deployer")) {
                consumer.assign(List.of(new TopicPartition(foreign, 0)));
                consumer.seekToBeginning(List.of(new TopicPartition(foreign, 0)));
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).as(foreign)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(operatorA, "licensing-service")) {
            consumer.subscribe(List.of(Topics.operatorDeployments(a)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
        assertRefused(operatorA, Topics.operatorDeployments(a));
    }

    @Test
    void aWrongPasswordIsRefused() {
        KafkaUser impostor = KafkaUser.withRandomPassword(KafkaAccess.LICENSING);
        assertThatThrownBy(() -> send(impostor, Topics.LICENSING_LICENSES)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static void send(KafkaUser user, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(user.clientConfig(broker.bootstrapServers()));
        config.put("max.block.ms", "10000");
        config.put("delivery.timeout.ms", "10000");
        config.put("request.timeout.ms", "5000");
        // not idempotent: the broker then names the topic it refuses (an idempotent producer without any
        // topic to write is refused the cluster's IdempotentWrite first)
        config.put("enable.idempotence", "false");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "{}")).get();
        }
    }

    private static void assertRefused(KafkaUser user, String topic) {
        assertThatThrownBy(() -> send(user, topic)).as("%s writes %s", user.name(), topic)
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static KafkaConsumer<String, String> consumer(KafkaUser user, String group) {
        Map<String, Object> config = new HashMap<>(user.clientConfig(broker.bootstrapServers()));
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}

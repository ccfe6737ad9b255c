package de.kommunalmarkt.licensing.deployment;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaEvents.Received;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * An operator on Kafka sees only its own deployments: licensing creates {@code operators.<id>.deployments}
 * when the operator is registered and writes each of the operator's deployment events there through its
 * outbox (the same event as on {@code licensing.deployments}: headers, key, payload, {@code ce_id}); the
 * operator's principal reads it under its own consumer group, and the broker refuses it another
 * operator's topic, {@code licensing.deployments}, a foreign consumer group and any write.
 */
@QuarkusTest
class OperatorTopicTest {

    @Test
    void anOperatorsPrincipalReadsItsOwnDeploymentEventsAndNothingElse() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.AUTO, List.of(OperatorType.REGIONAL_IT_PROVIDER));
        String a = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        String b = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 3);
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.operatorDeployments(a),
                    Topics.operatorDeployments(b))).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(6));
        }

        Map<String, Object> operatorA = KafkaTestResource.operatorConfig(a);
        operatorA.put("group.id", Topics.operatorPrefix(a) + "deployer");
        try (KafkaEvents asA = new KafkaEvents(operatorA); KafkaEvents asAdmin = new KafkaEvents()) {
            var ownFrom = asA.endOffsets(Topics.operatorDeployments(a));
            var allFrom = asAdmin.endOffsets(Topics.LICENSING_DEPLOYMENTS);

            String adopter = TestTokens.adopter(CatalogEvents.ags());
            String licenseId = requestLicence(adopter, solution.id(), solution.planId(), a).statusCode(201)
                    .body("state", equalTo("GRANTED")).extract().path("id");
            Received requested = asA.readFrom(ownFrom, Duration.ofSeconds(20), r -> !r.isEmpty()).stream()
                    .findFirst().orElseThrow(() -> new AssertionError("no event on " + Topics.operatorDeployments(a)));
            assertThat(requested.key()).isEqualTo(licenseId);
            assertThat(requested.header("ce_type")).isEqualTo("DeploymentRequested");
            assertThat(requested.header("ce_specversion")).isEqualTo("1.0");
            assertThat(requested.header("ce_source")).isEqualTo("licensing-service");
            assertThat(requested.header("content-type")).isEqualTo("application/json");
            assertThat(requested.header("ce_time")).isNotBlank();
            String deploymentId = CatalogEvents.JSON.readTree(requested.value()).get("deploymentId").asText();
            assertThat(requested.header("ce_subject")).isEqualTo(deploymentId);

            // the same event as on licensing.deployments: one ce_id, one payload
            Received shared = asAdmin.readFrom(allFrom, Duration.ofSeconds(20), r -> r.stream().anyMatch(e -> licenseId.equals(e.key())))
                    .stream().filter(e -> licenseId.equals(e.key())).findFirst().orElseThrow();
            assertThat(shared.headers()).isEqualTo(requested.headers());
            assertThat(shared.value()).isEqualTo(requested.value());

            accept(TestTokens.operator(a), deploymentId).statusCode(200);
            List<Received> own = asA.readFrom(ownFrom, Duration.ofSeconds(20), r -> r.size() >= 2);
            assertThat(own).extracting(Received::key).containsOnly(licenseId);
            assertThat(own).extracting(e -> e.header("ce_type")).containsExactly("DeploymentRequested", "DeploymentAccepted");

            // B's topic and the topic of all operators: refused by the broker
            assertThatThrownBy(() -> asA.endOffsets(Topics.operatorDeployments(b))).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> asA.endOffsets(Topics.LICENSING_DEPLOYMENTS)).isInstanceOf(TopicAuthorizationException.class);
            // writing anywhere, e.g. a forged licence event: refused
            Map<String, String> headers = CloudEventHeaders.of(UUID.randomUUID().toString(), "licensing-service", "LicenseGranted",
                    Instant.now().toString(), licenseId);
            assertThatThrownBy(() -> asA.send(Topics.LICENSING_LICENSES, licenseId, "{}", headers))
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> asA.send(Topics.operatorDeployments(a), licenseId, "{}", headers))
                    .isInstanceOf(TopicAuthorizationException.class);
        }

        // a consumer group outside its prefix (here licensing's own): refused
        Map<String, Object> foreignGroup = new HashMap<>(KafkaTestResource.operatorConfig(a));
        foreignGroup.put("group.id", "licensing-service");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(foreignGroup,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(Topics.operatorDeployments(a)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void licensingsOwnPrincipalMayNotWriteAnotherServicesTopic() {
        try (KafkaEvents asLicensing = new KafkaEvents(KafkaTestResource.serviceConfig("licensing-service"))) {
            assertThatThrownBy(() -> asLicensing.send(Topics.CATALOG_DIRECTORY, "x", "{}", Map.of()))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }
}

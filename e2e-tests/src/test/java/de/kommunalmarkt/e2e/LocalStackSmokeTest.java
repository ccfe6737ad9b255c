package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.testsupport.KafkaEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The foundation's promise: the stack starts from one command, real Keycloak tokens open the doors
 * they should and no others, and the first event travels through Kafka ({@link StackShutdownTest}:
 * stopping leaves nothing behind).
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackSmokeTest {

    private static LocalStack stack;

    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.get();
    }

    @Test
    @Order(1)
    void eachServiceAnswersItsListEndpointWithTheRightRoleOnly() {
        String adopter = stack.token("bamberg");
        String operator = stack.token("kommone");
        String billingAdmin = stack.token("billing");

        assertThat(stack.get("catalog", "/api/municipalities", adopter).statusCode()).isEqualTo(200);
        assertThat(stack.post("catalog", "/api/municipalities", adopter, "{}").statusCode()).isEqualTo(403);
        assertThat(stack.get("catalog", "/api/municipalities", null).statusCode()).isEqualTo(401);

        assertThat(stack.get("licensing", "/api/licenses", adopter).statusCode()).isEqualTo(200);
        assertThat(stack.get("licensing", "/api/licenses", billingAdmin).statusCode()).isEqualTo(403);
        assertThat(stack.get("licensing", "/api/licenses", null).statusCode()).isEqualTo(401);

        assertThat(stack.get("billing", "/api/invoices", adopter).statusCode()).isEqualTo(200);
        assertThat(stack.get("billing", "/api/invoices", operator).statusCode()).isEqualTo(403);
        assertThat(stack.get("billing", "/api/invoices", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void tokensCarryTheRealmRolesAndTheTenantClaims() {
        var claims = stack.read(new String(java.util.Base64.getUrlDecoder().decode(stack.token("koeln").split("\\.")[1])));
        assertThat(claims.get("iss").asText()).isEqualTo(stack.issuer());
        assertThat(claims.get("municipality").asText()).isEqualTo("05315000");
        assertThat(claims.get("realm_access").get("roles").toString()).contains("adopter", "provider");
        var operator = stack.read(new String(java.util.Base64.getUrlDecoder().decode(stack.token("civictech").split("\\.")[1])));
        assertThat(operator.get("operator").asText()).isEqualTo("code-for-germany");
    }

    @Test
    @Order(3)
    void aRegisteredMunicipalityArrivesOnKafkaAsMunicipalityRegistered() {
        try (KafkaEvents kafka = new KafkaEvents(stack.kafkaAdmin())) {
            var from = kafka.endOffsets("catalog.directory");
            var response = stack.post("catalog", "/api/municipalities", stack.token("admin"), """
                    {"ags":"03241001","name":"Hannover","inhabitants":545000,"leitwegId":"04011000-1234512345-06",
                     "billingAddress":{"street":"Trammplatz 2","postalCode":"30159","city":"Hannover","countryCode":"DE"},
                     "contactEmail":"it@hannover.example"}""");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

            var events = kafka.readFrom(from, Duration.ofSeconds(30), r -> r.stream().anyMatch(e -> "03241001".equals(e.key())));
            var registered = events.stream().filter(e -> "03241001".equals(e.key())).findFirst().orElseThrow();
            assertThat(registered.header("ce_type")).isEqualTo("MunicipalityRegistered");
            assertThat(registered.header("ce_source")).isEqualTo("catalog-service");
            assertThat(registered.value()).contains("\"name\":\"Hannover\"");
        }
    }

    @Test
    @Order(4)
    void theLauncherGivesEachDemoOperatorAPrincipalThatReadsOnlyItsOwnTopic() {
        Map<String, Object> kommOne = new HashMap<>(stack.kafkaClient("operator-komm-one"));
        kommOne.put("group.id", "operators.komm-one.smoke-test");
        try (KafkaEvents operator = new KafkaEvents(kommOne)) {
            // licensing creates the topic when it reads the demo data's OperatorRegistered
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> operator.endOffsets("operators.komm-one.deployments").size() == 6);
            assertThatThrownBy(() -> operator.endOffsets("operators.akdb.deployments")).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> operator.endOffsets("licensing.deployments")).isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> operator.send("licensing.licenses", "forged", "{}", Map.of()))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaEvents catalog = new KafkaEvents(stack.kafkaClient("catalog-service"))) {
            assertThatThrownBy(() -> catalog.send("licensing.licenses", "forged", "{}", Map.of()))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }
}

package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.testsupport.KafkaEvents;
import java.time.Duration;
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
        try (KafkaEvents kafka = new KafkaEvents(stack.kafkaBootstrap())) {
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
}

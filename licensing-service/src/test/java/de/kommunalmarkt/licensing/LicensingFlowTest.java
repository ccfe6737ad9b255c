package de.kommunalmarkt.licensing;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.approve;
import static de.kommunalmarkt.licensing.Api.complete;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LicensingFlowTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Berlin"));
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(EventType.SCHEMA_ID_PREFIX, "classpath:schemas/")));
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Test
    void requestApproveAcceptCompleteAsKafkaConsumersOfTheLicenceAndDeploymentTopicsSeeIt() throws Exception {
        TestSolution solution = CatalogEvents.publishSolution(ApprovalPolicy.MANUAL, List.of(OperatorType.SELF_OPERATED));
        String operator = CatalogEvents.registerOperator(OperatorType.SELF_OPERATED, 2);
        String adopterAgs = CatalogEvents.ags();
        String adopter = TestTokens.adopter(adopterAgs);

        try (KafkaEvents kafka = new KafkaEvents()) {
            var deploymentsFrom = kafka.endOffsets(Topics.LICENSING_DEPLOYMENTS);
            var licencesFrom = kafka.endOffsets(Topics.LICENSING_LICENSES);

            String licenseId = requestLicence(adopter, solution.id(), solution.planId(), operator).statusCode(201)
                    .body("state", equalTo("REQUESTED")).extract().path("id");
            approve(TestTokens.provider(solution.providerAgs()), licenseId).statusCode(200).body("state", equalTo("GRANTED"));

            // licensing.deployments, read as the marketplace's own tools do (operators read their own topics: OperatorTopicTest)
            var deploymentEvents = kafka.readFrom(deploymentsFrom, Duration.ofSeconds(20),
                    r -> r.stream().anyMatch(e -> e.value().contains("\"operatorId\":\"" + operator + "\"")));
            KafkaEvents.Received requested = deploymentEvents.stream()
                    .filter(e -> e.value().contains("\"operatorId\":\"" + operator + "\"")).findFirst().orElseThrow();
            assertThat(requested.header("ce_type")).isEqualTo("DeploymentRequested");
            assertThat(requested.header("ce_source")).isEqualTo("licensing-service");
            assertThat(requested.key()).isEqualTo(licenseId);
            JsonNode payload = CatalogEvents.JSON.readTree(requested.value());
            assertValid(EventType.DEPLOYMENT_REQUESTED, payload);
            String deploymentId = payload.get("deploymentId").asText();
            assertThat(requested.header("ce_subject")).isEqualTo(deploymentId);
            assertThat(payload.get("adopterAgs").asText()).isEqualTo(adopterAgs);
            assertThat(payload.get("solutionId").asText()).isEqualTo(solution.id());

            accept(TestTokens.operator(operator), deploymentId).statusCode(200);
            complete(TestTokens.operator(operator), deploymentId, TODAY).statusCode(200);
            get(adopter, "/api/licenses/" + licenseId).body("state", equalTo("ACTIVE")).body("activatedOn", equalTo(TODAY.toString()));

            var licenceEvents = kafka.readFrom(licencesFrom, Duration.ofSeconds(20), r -> r.stream()
                    .anyMatch(e -> licenseId.equals(e.key()) && "LicenseActivated".equals(e.header("ce_type"))));
            List<KafkaEvents.Received> mine = licenceEvents.stream().filter(e -> licenseId.equals(e.key())).toList();
            assertThat(mine).extracting(e -> e.header("ce_type")).containsExactly("LicenseRequested", "LicenseGranted", "LicenseActivated");
            for (KafkaEvents.Received e : mine) {
                assertValid(EventType.byName(e.header("ce_type")), CatalogEvents.JSON.readTree(e.value()));
            }
            JsonNode granted = CatalogEvents.JSON.readTree(mine.get(1).value());
            assertThat(granted.at("/terms/planId").asText()).isEqualTo(solution.planId());
            assertThat(granted.at("/terms/monthlyFee").decimalValue()).isEqualByComparingTo("300.00");
            assertThat(granted.get("providerAgs").asText()).isEqualTo(solution.providerAgs());
            assertThat(granted.get("operatorId").asText()).isEqualTo(operator);
            JsonNode activated = CatalogEvents.JSON.readTree(mine.get(2).value());
            assertThat(activated.get("activatedOn").asText()).isEqualTo(TODAY.toString());

            var later = kafka.readFrom(deploymentsFrom, Duration.ofSeconds(20), r -> r.stream()
                    .filter(e -> licenseId.equals(e.key())).count() >= 3);
            List<KafkaEvents.Received> deploymentFlow = later.stream().filter(e -> licenseId.equals(e.key())).toList();
            assertThat(deploymentFlow).extracting(e -> e.header("ce_type"))
                    .containsExactly("DeploymentRequested", "DeploymentAccepted", "DeploymentCompleted");
            for (KafkaEvents.Received e : deploymentFlow) {
                assertValid(EventType.byName(e.header("ce_type")), CatalogEvents.JSON.readTree(e.value()));
            }
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("kommunalmarkt_licenses_granted_total(\\{[^}]*\\})? [1-9]");
            assertThat(metrics).containsPattern("kommunalmarkt_deployments\\{[^}]*state=\"COMPLETED\"[^}]*\\} [1-9]");
        });
    }

    private static void assertValid(EventType type, JsonNode payload) {
        assertThat(SCHEMAS.getSchema(SchemaLocation.of(type.schemaId()), FORMATS).validate(payload))
                .as("%s against its schema", type.typeName()).isEmpty();
    }
}

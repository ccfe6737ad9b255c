package de.kommunalmarkt.billing.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Only licensing's principal writes {@code licensing.licenses}: a {@code LicenseGranted} forged by an
 * operator (or by billing itself) is refused by the broker and never becomes a licence billing would
 * invoice, while licensing's genuine events after it are applied.
 */
@QuarkusTest
class ForgedEventTest {

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Test
    void aLicenseGrantedForgedByAnOperatorIsRefusedByTheBrokerAndNeverReachesBillingsView() throws Exception {
        PlanTerms plan = Plans.flat("990.00");
        String forgedId = UUID.randomUUID().toString();
        LicenseGranted forged = new LicenseGranted(forgedId, "gefaelscht", "Gefälscht", plan.planId(), "fremd",
                BillingProjectionConsumerTest.ADOPTER, BillingProjectionConsumerTest.PROVIDER, plan, Instant.now());
        String payload = json.writeValueAsString(forged);
        var headers = CloudEventHeaders.of(UUID.randomUUID().toString(), "licensing-service", forged.type(),
                Instant.now().toString(), forged.subject());

        try (KafkaEvents operator = new KafkaEvents(KafkaTestResource.operatorConfig("forger-" + forgedId.substring(0, 8)))) {
            assertThatThrownBy(() -> operator.send(Topics.LICENSING_LICENSES, forgedId, payload, headers))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaEvents billing = new KafkaEvents(KafkaTestResource.serviceConfig("billing-service"))) {
            assertThatThrownBy(() -> billing.send(Topics.LICENSING_LICENSES, forgedId, payload, headers))
                    .isInstanceOf(TopicAuthorizationException.class);
        }

        // a genuine grant (sent as licensing would) after the forgery is applied; the forgery is not there
        ContractEvents licensing = new ContractEvents(json);
        UUID genuine = UUID.randomUUID();
        licensing.send(new LicenseGranted(genuine.toString(), "echt", "Echt", plan.planId(), "op",
                BillingProjectionConsumerTest.ADOPTER, BillingProjectionConsumerTest.PROVIDER, plan, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> licenses.findById(genuine)) != null);
        assertThat(QuarkusTransaction.requiringNew().call(() -> licenses.findById(UUID.fromString(forgedId)))).isNull();
    }
}

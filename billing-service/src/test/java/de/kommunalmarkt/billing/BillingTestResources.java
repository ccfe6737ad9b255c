package de.kommunalmarkt.billing;

import de.kommunalmarkt.testsupport.GreenMailTestResource;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Every billing test runs against a real PostgreSQL, a real Kafka broker, a token-checking OIDC server and a real SMTP server. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "service", value = "billing-service"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
public final class BillingTestResources {
    private BillingTestResources() {
    }
}

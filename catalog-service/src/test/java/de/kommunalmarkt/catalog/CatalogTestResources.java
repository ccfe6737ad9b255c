package de.kommunalmarkt.catalog;

import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Every catalog test runs against a real PostgreSQL, a real Kafka broker and a token-checking OIDC server. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "service", value = "catalog-service"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class CatalogTestResources {
    private CatalogTestResources() {
    }
}

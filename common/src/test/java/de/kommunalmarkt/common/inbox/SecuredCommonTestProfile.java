package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL and Kafka, and bearer tokens checked for real (TestTokens), as the services run. */
public class SecuredCommonTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.tenant-enabled", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "common")),
                new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(OidcWiremockTestResource.class));
    }
}

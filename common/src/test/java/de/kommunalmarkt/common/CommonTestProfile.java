package de.kommunalmarkt.common;

import de.kommunalmarkt.testsupport.GreenMailTestResource;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL, Kafka and an SMTP server for the common module's tests. */
public class CommonTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "common")),
                new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(GreenMailTestResource.class));
    }
}

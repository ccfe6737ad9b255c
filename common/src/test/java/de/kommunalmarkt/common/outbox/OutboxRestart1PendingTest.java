package de.kommunalmarkt.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Part 1 of the restart proof: committed events stay pending while no relay runs. Part 2: {@link OutboxRestart2PublishedTest}. */
@QuarkusTest
@TestProfile(Outbox1StoppedRelayProfile.class)
class OutboxRestart1PendingTest {

    static final String MARKER_AGS = "16051000";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void committedEventsWaitInTheOutboxWhileNoRelayRuns() {
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            long pendingBefore = relay.pendingCount();
            for (int i = 0; i < 3; i++) {
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(new MunicipalityRegistered(MARKER_AGS, "Erfurt",
                        214_000, "05315000-KM001-20", new PostalAddress("Fischmarkt 1", "99084", "Erfurt", "DE"), "it@erfurt.example")));
            }
            assertThat(relay.pendingCount()).isEqualTo(pendingBefore + 3);
            assertThat(kafka.readFrom(from, Duration.ofSeconds(2), r -> false))
                    .noneMatch(r -> MARKER_AGS.equals(r.key()));
        }
    }
}

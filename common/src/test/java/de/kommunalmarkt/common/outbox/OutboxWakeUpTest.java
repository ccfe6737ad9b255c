package de.kommunalmarkt.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events are sent when their transaction commits, not at the next poll (an hour away here), also while
 * another instance of the service holds the relay lock at that moment: that instance may have read its
 * batch before these rows were committed, so this instance asks again until the lock is free.
 */
@QuarkusTest
@TestProfile(OutboxNoPollProfile.class)
class OutboxWakeUpTest {

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventCommittedWhileAnotherInstanceRelaysIsSentOnceThatInstanceIsDoneNotAtTheNextPoll() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents(); Connection otherInstance = dataSource.getConnection()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event("09162000", "München")));
            Thread.sleep(300);
            assertThat(kafka.readFrom(from, Duration.ofMillis(200), r -> false)).isEmpty();

            otherInstance.commit(); // the other instance's relay transaction ends

            List<KafkaEvents.Received> received = kafka.readFrom(from, Duration.ofSeconds(10), r -> !r.isEmpty());
            assertThat(received).extracting(r -> r.header("ce_id")).containsExactly(id.toString());
        }
    }

    @Test
    void anEventIsSentRightAfterItsCommit() throws Exception {
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_DIRECTORY);
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event("09564000", "Nürnberg")));

            List<KafkaEvents.Received> received = kafka.readFrom(from, Duration.ofSeconds(10), r -> !r.isEmpty());
            assertThat(received).extracting(r -> r.header("ce_id")).containsExactly(id.toString());
        }
    }

    private static MunicipalityRegistered event(String ags, String name) {
        return new MunicipalityRegistered(ags, name, 500_000, "05315000-KM001-20",
                new PostalAddress("Marienplatz 8", "80331", name, "DE"), "it@" + ags + ".example");
    }
}

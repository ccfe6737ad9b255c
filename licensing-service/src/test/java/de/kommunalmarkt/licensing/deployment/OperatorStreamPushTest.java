package de.kommunalmarkt.licensing.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The stream is pushed: events committed by another writer than this application (a JDBC connection of
 * its own, as another instance of the service would write them) reach the open streams through
 * PostgreSQL's notification, each operator exactly its own, in order; heartbeats keep an idle stream
 * alive; the stream ends when the token expires; resumption is checked; the number of streams is capped.
 */
@QuarkusTest
class OperatorStreamPushTest {

    @TestHTTPResource("/api/deployments/stream")
    URL stream;

    @Test
    void twoOperatorsEachGetExactlyTheirOwnEventsInOrderWhenAnotherInstanceCommitsThem() throws Exception {
        String a = CatalogEvents.operatorId();
        String b = CatalogEvents.operatorId();
        int perOperator = 100;
        List<Long> latencies = new ArrayList<>();
        try (OtherInstance writer = new OtherInstance();
                SseClient streamA = SseClient.connect(stream.toURI(), TestTokens.operator(a), null);
                SseClient streamB = SseClient.connect(stream.toURI(), TestTokens.operator(b), null)) {
            assertThat(streamA.status).isEqualTo(200);
            assertThat(streamB.status).isEqualTo(200);
            List<SseClient.Event> gotA = new ArrayList<>();
            List<SseClient.Event> gotB = new ArrayList<>();
            // one event at a time, alternating operators: commit, then wait for it on the stream
            for (int i = 0; i < perOperator; i++) {
                long committedA = writer.commitEvent(a);
                SseClient.Event eventA = streamA.next(1, Duration.ofSeconds(10)).get(0);
                latencies.add(eventA.receivedNanos() - committedA);
                gotA.add(eventA);
                long committedB = writer.commitEvent(b);
                SseClient.Event eventB = streamB.next(1, Duration.ofSeconds(10)).get(0);
                latencies.add(eventB.receivedNanos() - committedB);
                gotB.add(eventB);
            }
            // and a burst: 20 events of each committed back to back, interleaved
            for (int i = 0; i < 20; i++) {
                writer.commitEvent(a);
                writer.commitEvent(b);
            }
            gotA.addAll(streamA.next(20, Duration.ofSeconds(10)));
            gotB.addAll(streamB.next(20, Duration.ofSeconds(10)));
            assertThat(streamA.next(1, Duration.ofMillis(700))).as("nothing more for A").isEmpty();
            assertThat(streamB.next(1, Duration.ofMillis(10))).as("nothing more for B").isEmpty();

            List<String> expectedIds = LongStream.rangeClosed(1, perOperator + 20).mapToObj(Long::toString).toList();
            assertThat(gotA).extracting(SseClient.Event::id).containsExactlyElementsOf(expectedIds);
            assertThat(gotB).extracting(SseClient.Event::id).containsExactlyElementsOf(expectedIds);
            assertThat(gotA).allSatisfy(e -> assertThat(e.data()).contains("\"operatorId\":\"" + a + "\""));
            assertThat(gotB).allSatisfy(e -> assertThat(e.data()).contains("\"operatorId\":\"" + b + "\""));
        }
        Collections.sort(latencies);
        System.out.printf("SSE latency commit -> event on the stream (%d events, committed by a separate connection): "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", latencies.size(), percentile(latencies, 50),
                percentile(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
    }

    @Test
    void anIdleStreamGetsHeartbeatsAndEndsWhenItsTokenExpires() throws Exception {
        String operator = CatalogEvents.operatorId();
        long connectedAt = System.nanoTime();
        try (SseClient client = SseClient.connect(stream.toURI(), TestTokens.operator(operator, Duration.ofSeconds(4)), null)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.awaitEnd(Duration.ofSeconds(2))).as("still open before the token expires").isFalse();
            assertThat(client.comments()).as("heartbeats every 500 ms (test profile)").isGreaterThanOrEqualTo(2);
            assertThat(client.awaitEnd(Duration.ofSeconds(10))).as("ended once the token expired").isTrue();
            double seconds = (System.nanoTime() - connectedAt) / 1e9;
            assertThat(seconds).isBetween(2.5, 8.0);
            assertThat(client.next(1, Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void aLastEventIdBeyondTheStreamOrNoNumberIs400AndAValidOneResumesExactlyAfterIt() throws Exception {
        String operator = CatalogEvents.operatorId();
        String token = TestTokens.operator(operator);
        try (OtherInstance writer = new OtherInstance()) {
            for (int i = 0; i < 3; i++) {
                writer.commitEvent(operator);
            }
        }
        for (String bad : List.of("4", "999999", "-1", "abc", "1.5", "9999999999999999999999")) {
            given().auth().oauth2(token).header("Last-Event-ID", bad).accept("text/event-stream")
                    .when().get("/api/deployments/stream")
                    .then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("status", equalTo(400)).body("violations[0].field", equalTo("Last-Event-ID"));
        }
        given().auth().oauth2(token).queryParam("lastEventId", "7").accept("text/event-stream")
                .when().get("/api/deployments/stream").then().statusCode(400).body("lastStreamEventId", equalTo(3));
        // an operator without events: anything but 0 lies beyond its stream
        given().auth().oauth2(TestTokens.operator(CatalogEvents.operatorId())).header("Last-Event-ID", "1").accept("text/event-stream")
                .when().get("/api/deployments/stream").then().statusCode(400);

        try (SseClient client = SseClient.connect(stream.toURI(), token, "3")) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.next(1, Duration.ofMillis(700))).as("nothing after the last event yet").isEmpty();
        }
        try (SseClient client = SseClient.connect(stream.toURI(), token, "1")) {
            assertThat(client.next(5, Duration.ofSeconds(2))).extracting(SseClient.Event::id).containsExactly("2", "3");
        }
    }

    @Test
    void anOperatorMayHoldFiveStreamsTheSixthIs429AndAClosedOneFreesItsSlot() throws Exception {
        String operator = CatalogEvents.operatorId();
        String token = TestTokens.operator(operator);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient client = SseClient.connect(stream.toURI(), token, null);
                open.add(client);
                assertThat(client.status).isEqualTo(200);
            }
            try (SseClient sixth = SseClient.connect(stream.toURI(), token, null)) {
                assertThat(sixth.status).isEqualTo(429);
                assertThat(sixth.contentType).contains("application/problem+json");
                assertThat(sixth.body).contains("\"status\":429").contains("\"maxStreams\":5");
            }
            // another operator is not affected
            try (SseClient other = SseClient.connect(stream.toURI(), TestTokens.operator(CatalogEvents.operatorId()), null)) {
                assertThat(other.status).isEqualTo(200);
            }
            open.remove(0).close();
            int status = 0;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < deadline; ) {
                try (SseClient again = SseClient.connect(stream.toURI(), token, null)) {
                    status = again.status;
                }
                if (status == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(status).as("the hung-up stream's slot is free again").isEqualTo(200);
        } finally {
            for (SseClient client : open) {
                client.close();
            }
        }
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    /**
     * Writes an operator's events as another instance of licensing-service would: its own database
     * connection and transactions, the same rows and notification as {@code OperatorEventLog.publish}.
     * Nothing of this application's JVM path is involved.
     */
    static final class OtherInstance implements AutoCloseable {
        private final Connection connection;

        OtherInstance() throws Exception {
            var config = ConfigProvider.getConfig();
            connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            connection.setAutoCommit(false);
        }

        /** Commits one DeploymentRequested-like event of the operator; returns System.nanoTime() right after the commit. */
        long commitEvent(String operatorId) throws Exception {
            long seq;
            try (PreparedStatement next = connection.prepareStatement("""
                    insert into operator_stream (operator_id, last_seq) values (?, 1)
                    on conflict (operator_id) do update set last_seq = operator_stream.last_seq + 1 returning last_seq""")) {
                next.setString(1, operatorId);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            UUID deployment = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into operator_deployment_event
                        (operator_id, seq, event_id, event_type, deployment_id, license_id, payload, occurred_at)
                    values (?, ?, ?, 'DeploymentRequested', ?, ?, ?, now())""")) {
                insert.setString(1, operatorId);
                insert.setLong(2, seq);
                insert.setObject(3, UUID.randomUUID());
                insert.setObject(4, deployment);
                insert.setObject(5, UUID.randomUUID());
                insert.setString(6, "{\"deploymentId\":\"" + deployment + "\",\"operatorId\":\"" + operatorId + "\"}");
                insert.executeUpdate();
            }
            try (PreparedStatement notify = connection.prepareStatement("select pg_notify('operator_events', ?)")) {
                notify.setString(1, operatorId);
                notify.execute();
            }
            connection.commit();
            return System.nanoTime();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}

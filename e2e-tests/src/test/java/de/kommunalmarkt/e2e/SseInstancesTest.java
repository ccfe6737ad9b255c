package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two operators follow their deployments over Server-Sent Events, each connected to a different instance
 * of licensing-service: the one the launcher started, and a second process of the same jar with the same
 * settings on a port of its own (as a second replica behind a load balancer). Licence requests go to the
 * first instance only. Each stream receives exactly its operator's {@code DeploymentRequested} events, in
 * the order they were requested, with rising ids — the events written by one instance reach a stream held
 * by the other, none of the other operator's. The second instance runs without its periodic re-read
 * (1 h), so its stream can only have learnt of the events through PostgreSQL's notifications.
 */
@Order(560)
class SseInstancesTest {

    static final int PER_OPERATOR = 4;
    static final Duration EVENTUALLY = Duration.ofMinutes(3);

    static LocalStack stack;
    static Marketplace market;

    final String tag = Long.toString(System.currentTimeMillis(), 36);
    final Discrepancies discrepancies = new Discrepancies();

    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
    }

    @Test
    void twoOperatorsOnTwoInstancesEachReceiveExactlyTheirOwnInOrder() throws Exception {
        String provider = "sse2-provider-" + tag;
        String ownAgs = market.unregisteredAgs();
        market.municipality(ownAgs, "Anbieterstadt " + tag, 50_000);
        market.user(provider, List.of("provider"), Map.of("municipality", ownAgs));
        List<String> operatorIds = List.of("sse2-a-" + tag, "sse2-b-" + tag);
        List<String> operatorUsers = List.of("sse2-op-a-" + tag, "sse2-op-b-" + tag);
        for (int o = 0; o < 2; o++) {
            market.operator(operatorIds.get(o), "Strombetrieb " + o + " " + tag, "REGIONAL_IT_PROVIDER", 100, List.of("15"));
            market.user(operatorUsers.get(o), List.of("operator"), Map.of("operator", operatorIds.get(o)));
        }
        List<String> adopters = new ArrayList<>();
        for (int i = 0; i < 2 * PER_OPERATOR; i++) {
            String ags = market.unregisteredAgs();
            market.municipality(ags, "Stromdorf " + i + " " + tag, 2_000 + i);
            String user = "sse2-adopter-" + tag + "-" + i;
            market.user(user, List.of("adopter"), Map.of("municipality", ags));
            adopters.add(user);
        }
        Marketplace.Published solution = market.publishedSolution(provider,
                Marketplace.solutionJson("Zwei-Instanzen-Lösung " + tag, "AUTO"), Marketplace.flatPlanJson("Basis", "10.00"));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        int secondPort = freePort();
        Process second = startSecondLicensing(secondPort);
        try {
            awaitReady(secondPort, second);
            String streamPath = "/api/deployments/stream";
            try (SseStream onSecond = SseStream.open("http://127.0.0.1:" + secondPort + streamPath, market.token(operatorUsers.get(0)));
                    SseStream onFirst = SseStream.open(stack.url("licensing", streamPath), market.token(operatorUsers.get(1)))) {
                discrepancies.check("stream status on the second instance", 200, onSecond.status());
                discrepancies.check("stream status on the first instance", 200, onFirst.status());

                List<List<String>> requested = List.of(new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i < adopters.size(); i++) {
                    int o = i % 2;
                    JsonNode licence = market.requestLicense(adopters.get(i), solution.solutionId(), solution.planId(), operatorIds.get(o));
                    requested.get(o).add(licence.path("id").asText());
                }

                List<SseStream> streams = List.of(onSecond, onFirst);
                await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> streams.stream()
                        .allMatch(s -> deploymentRequests(s).size() >= PER_OPERATOR));
                Thread.sleep(1_000); // anything more (another operator's event, a repeat) would come now
                for (int o = 0; o < 2; o++) {
                    SseStream stream = streams.get(o);
                    List<JsonNode> events = new ArrayList<>();
                    long lastId = -1;
                    for (SseStream.Event event : stream.events()) {
                        JsonNode data = stack.read(event.data());
                        events.add(data);
                        long id = Long.parseLong(event.id());
                        discrepancies.require("stream " + o + ": ids rise (" + lastId + " then " + id + ")", id > lastId);
                        lastId = id;
                        discrepancies.check("stream " + o + ": operator of event " + event.id(), operatorIds.get(o),
                                data.path("operatorId").asText());
                    }
                    discrepancies.check("stream " + o + " (" + (o == 0 ? "second" : "first") + " instance): licences in request order",
                            requested.get(o), events.stream().map(e -> e.path("licenseId").asText()).toList());
                }
            }
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        discrepancies.report("E2E SSE on two instances: 2 operators × " + PER_OPERATOR + " events");
    }

    private static List<SseStream.Event> deploymentRequests(SseStream stream) {
        return stream.events().stream().filter(e -> "DeploymentRequested".equals(e.name())).toList();
    }

    /** The same jar with the first instance's settings (its environment), on another port. */
    private static Process startSecondLicensing(int port) throws IOException {
        String pid = Files.readString(stack.state().resolve("pids").resolve("licensing.pid")).strip();
        Map<String, String> environment = new HashMap<>();
        for (String entry : Files.readString(Path.of("/proc", pid, "environ"), StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // no periodic re-read: what reaches this instance's stream can only have come by notification
        environment.put("LICENSING_STREAM_RECHECK_INTERVAL", "1h");
        Path jar = Launcher.ROOT.resolve("licensing-service/target/quarkus-app/quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(stack.state().resolve("logs").resolve("licensing-second-instance.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb.start();
    }

    private static void awaitReady(int port, Process process) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the second licensing instance exited with " + process.exitValue()
                        + "; see licensing-second-instance.log in the stack's logs");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

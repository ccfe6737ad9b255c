package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An operator's webhook survives a crash of licensing-service in the middle of a delivery. The operator
 * registers an endpoint (a receiver in this test's JVM; licensing is restarted to accept an http endpoint
 * on the loopback address); five adopters request licences, so five {@code DeploymentRequested} are due
 * to it in order. The receiver holds the first POST open, and while licensing waits for its answer the
 * test kills licensing with {@code kill -9} and starts it again. Afterwards every event has arrived, the
 * one caught in the crash again under the same {@code webhook-id} (at least once: the receiver dedupes by
 * that id), and the operator's delivery log shows all five delivered.
 */
@Order(550)
class WebhookCrashTest {

    static final int LICENCES = 5;
    static final Map<String, String> LOOPBACK = Map.of("LICENSING_WEBHOOKS_ALLOW_HTTP_LOOPBACK", "true");
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
    void aDeliveryCaughtInAKill9IsSentAgainAndNoneIsLost() throws Exception {
        Map<String, Integer> received = new ConcurrentHashMap<>();
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean holding = new AtomicBoolean(true);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            received.merge(String.valueOf(id), 1, Integer::sum);
            order.add(id);
            if (holding.compareAndSet(true, false)) {
                firstArrived.countDown();
                try {
                    release.await(2, TimeUnit.MINUTES); // licensing dies meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                exchange.sendResponseHeaders(204, -1);
            } catch (java.io.IOException gone) {
                // the sender was killed while it waited: nobody hears this answer
            }
            exchange.close();
        });
        receiver.start();
        try {
            stack.restart("licensing", LOOPBACK);

            String provider = "hook-provider-" + tag;
            String providerAgs = market.unregisteredAgs();
            market.municipality(providerAgs, "Hakenstadt " + tag, 40_000);
            market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));
            String operatorId = "hook-ops-" + tag;
            String operatorUser = "hook-operator-" + tag;
            market.operator(operatorId, "Hakenbetrieb " + tag, "REGIONAL_IT_PROVIDER", 100, List.of("15"));
            market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));
            List<String> adopters = new ArrayList<>();
            for (int i = 1; i <= LICENCES; i++) {
                String ags = market.unregisteredAgs();
                market.municipality(ags, "Hakendorf " + i + " " + tag, 1_000 + i);
                String user = "hook-adopter-" + tag + "-" + i;
                market.user(user, List.of("adopter"), Map.of("municipality", ags));
                adopters.add(user);
            }
            Marketplace.Published solution = market.publishedSolution(provider,
                    Marketplace.solutionJson("Webhook-Lösung " + tag, "AUTO"), Marketplace.flatPlanJson("Basis", "10.00"));
            market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode registered = market.expect(200, "PUT", "licensing", "/api/operators/me/webhook", operatorUser,
                    "{\"url\":\"" + url + "\"}");
            discrepancies.require("the secret is shown on registration", registered.path("secret").asText().startsWith("whsec_"));

            for (String adopter : adopters) {
                market.requestLicense(adopter, solution.solutionId(), solution.planId(), operatorId);
            }

            if (!firstArrived.await(2, TimeUnit.MINUTES)) {
                throw new AssertionError("no webhook delivery arrived within 2 minutes");
            }
            stack.kill9("licensing");
            release.countDown();
            stack.restart("licensing", LOOPBACK);

            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> received.size() >= LICENCES);
            JsonNode log = market.awaitJson("licensing", "/api/operators/me/webhook/deliveries?size=50", operatorUser,
                    EVENTUALLY, page -> countState(page, "DELIVERED") >= LICENCES);

            String caught = order.get(0);
            Map<String, Integer> counts = new LinkedHashMap<>(received);
            discrepancies.check("distinct events received", LICENCES, counts.size());
            discrepancies.require("the delivery caught in the crash was sent again under the same webhook-id",
                    counts.getOrDefault(caught, 0) >= 2);
            counts.forEach((id, n) -> {
                if (!id.equals(caught) && n != 1) {
                    discrepancies.add("event " + id + " arrived " + n + " times; only the one caught in the crash may repeat");
                }
            });
            discrepancies.check("deliveries in the operator's log", LICENCES, log.path("items").size());
            discrepancies.check("deliveries DELIVERED", LICENCES, countState(log, "DELIVERED"));
            for (JsonNode item : log.path("items")) {
                if (!counts.containsKey(item.path("eventId").asText())) {
                    discrepancies.add("the log's event " + item.path("eventId").asText() + " never reached the receiver");
                }
            }
            discrepancies.report("E2E webhook crash: " + LICENCES + " events, received " + counts.values() + " times");
        } finally {
            release.countDown();
            receiver.stop(0);
            stack.restart("licensing"); // back to the production configuration for the tests after this one
        }
    }

    private static int countState(JsonNode page, String state) {
        int n = 0;
        for (JsonNode item : page.path("items")) {
            if (state.equals(item.path("state").asText())) {
                n++;
            }
        }
        return n;
    }
}

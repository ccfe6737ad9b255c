package de.kommunalmarkt.licensing.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An operator's webhook endpoint on a free loopback port (the JDK's HTTP server): records every request
 * with its Standard Webhooks headers and answers with the status the test's rule gives.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String id, String timestamp, String signature, String contentType, String body, int answered,
            long receivedNanos) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Function<Received, Integer> answer;

    /** {@code answer} gets each request (with {@code answered} 0) and gives the status to answer with. */
    WebhookReceiver(Function<Received, Integer> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            Received request = new Received(exchange.getRequestURI().getPath(), headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"), headers.getFirst("content-type"),
                    body, 0, System.nanoTime());
            int status = answer.apply(request);
            synchronized (received) {
                received.add(new Received(request.path(), request.id(), request.timestamp(), request.signature(),
                        request.contentType(), body, status, request.receivedNanos()));
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> receivedFor(String id) {
        return received().stream().filter(r -> id.equals(r.id())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<String> idsInOrder(List<Received> received) {
        List<String> ids = new ArrayList<>();
        for (Received r : received) {
            if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(r.id())) {
                ids.add(r.id());
            }
        }
        return ids;
    }
}

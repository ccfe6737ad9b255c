package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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

/**
 * The whole marketplace started exactly as a user starts it — {@code ./kommunalmarkt start --detach} —
 * on free ports and with its own state folder, so it never collides with a stack already running.
 */
public final class LocalStack implements AutoCloseable {

    public static final String DEMO_PASSWORD = "demo";

    private final Path root = Path.of(System.getProperty("kommunalmarkt.root", "..")).toAbsolutePath().normalize();
    private final Path state = Path.of(System.getProperty("kommunalmarkt.e2e.state", "target/stack")).toAbsolutePath();
    private static final List<String> SERVICES = List.of("catalog", "licensing", "billing");

    private final Map<String, Integer> ports = new HashMap<>();
    private int instances = 1;
    private int instancePortStep = 10;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private long startupMillis;

    public static LocalStack start() {
        return start(1);
    }

    /**
     * {@code ./kommunalmarkt start --detach --instances N}: N processes of each service on the one
     * database and broker; instance K of a service is the part {@code SERVICE-K} ({@link #url}, {@link #kill9}).
     */
    public static LocalStack start(int instances) {
        LocalStack stack = new LocalStack();
        stack.up(instances);
        return stack;
    }

    private void up(int count) {
        for (String name : new String[] {"postgres", "kafka", "smtp", "imap", "keycloak", "keycloak-management", "catalog", "licensing", "billing", "web"}) {
            // the OS may hand out the same free port twice in a row: every part gets one of its own
            int port;
            do {
                port = freePort();
            } while (ports.containsValue(port));
            ports.put(name, port);
        }
        instances = count;
        if (count > 1) {
            instancePortStep = freeInstancePortStep();
            for (int k = 2; k <= count; k++) {
                for (String service : SERVICES) {
                    ports.put(service + "-" + k, ports.get(service) + (k - 1) * instancePortStep);
                }
            }
        }
        long t0 = System.nanoTime();
        int exit = run("start", "--detach", "--instances", String.valueOf(count));
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
        if (exit != 0) {
            run("stop");
            throw new IllegalStateException("./kommunalmarkt start failed with exit code " + exit + "; logs in " + state.resolve("logs"));
        }
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = root.resolve("kommunalmarkt").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("KOMMUNALMARKT_HOME", state.toString());
        env.put("KM_POSTGRES_PORT", String.valueOf(ports.get("postgres")));
        env.put("KM_KAFKA_PORT", String.valueOf(ports.get("kafka")));
        env.put("KM_SMTP_PORT", String.valueOf(ports.get("smtp")));
        env.put("KM_IMAP_PORT", String.valueOf(ports.get("imap")));
        env.put("KM_KEYCLOAK_PORT", String.valueOf(ports.get("keycloak")));
        env.put("KC_MANAGEMENT_PORT", String.valueOf(ports.get("keycloak-management")));
        env.put("KM_CATALOG_PORT", String.valueOf(ports.get("catalog")));
        env.put("KM_LICENSING_PORT", String.valueOf(ports.get("licensing")));
        env.put("KM_BILLING_PORT", String.valueOf(ports.get("billing")));
        env.put("KM_WEB_PORT", String.valueOf(ports.get("web")));
        env.put("KM_INSTANCE_PORT_STEP", String.valueOf(instancePortStep));
        env.putAll(environment);
        try {
            Files.createDirectories(state);
            Process process = pb.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A port step at which every further instance's port is free and none is another part's. */
    private int freeInstancePortStep() {
        for (int step = 10; step < 2000; step += 7) {
            boolean free = true;
            for (int k = 2; k <= instances && free; k++) {
                for (String service : SERVICES) {
                    int port = ports.get(service) + (k - 1) * step;
                    free &= port <= 65535 && !ports.containsValue(port) && portFree(port);
                }
            }
            if (free) {
                return step;
            }
        }
        throw new IllegalStateException("no free ports for " + instances + " instances of each service");
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int instances() {
        return instances;
    }

    /** Every part that runs a service: catalog, licensing, billing and, with instances, catalog-2, .... */
    public List<String> serviceParts() {
        List<String> parts = new ArrayList<>(SERVICES);
        for (int k = 2; k <= instances; k++) {
            for (String service : SERVICES) {
                parts.add(service + "-" + k);
            }
        }
        return parts;
    }

    public long startupMillis() {
        return startupMillis;
    }

    public Path state() {
        return state;
    }

    public int port(String name) {
        return ports.get(name);
    }

    public String url(String service, String path) {
        return "http://127.0.0.1:" + ports.get(service) + path;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.get("kafka");
    }

    /** The client settings of the broker's super user, as the launcher wrote them (SASL/SCRAM). */
    public Map<String, Object> kafkaAdmin() {
        return kafkaClient("admin");
    }

    /**
     * The client settings of a principal the launcher created ({@code admin}, {@code catalog-service},
     * {@code operator-komm-one}, ...): its properties file in the state folder's {@code kafka-credentials}.
     */
    public Map<String, Object> kafkaClient(String principal) {
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newBufferedReader(state.resolve("kafka-credentials").resolve(principal + ".properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no Kafka credentials of " + principal + " in " + state, e);
        }
        Map<String, Object> config = new HashMap<>();
        props.forEach((k, v) -> config.put(k.toString(), v));
        return config;
    }

    public String issuer() {
        return "http://127.0.0.1:" + ports.get("keycloak") + "/realms/kommunalmarkt";
    }

    /** An access token for a demo user, from Keycloak's token endpoint (direct grant on the web client). */
    public String token(String user) {
        String form = "grant_type=password&client_id=kommunalmarkt-web&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + DEMO_PASSWORD;
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).get("access_token").asText();
    }

    public HttpResponse<String> get(String service, String path, String token) {
        return request("GET", service, path, token, null);
    }

    public HttpResponse<String> post(String service, String path, String token, String body) {
        return request("POST", service, path, token, body);
    }

    public HttpResponse<String> put(String service, String path, String token, String body) {
        return request("PUT", service, path, token, body);
    }

    /** Any request; a non-null body is sent as JSON. */
    public HttpResponse<String> request(String method, String service, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Restarts one part the way an operator of the stack would: {@code ./kommunalmarkt restart NAME}. */
    public void restart(String part) {
        restart(part, Map.of());
    }

    /**
     * Restarts one part with extra environment variables for its new process (configuration, e.g.
     * {@code BILLING_RUN_BATCH_SIZE}); a later plain restart drops them again.
     */
    public void restart(String part, Map<String, String> environment) {
        int exit = run(environment, "restart", part);
        if (exit != 0) {
            throw new IllegalStateException("./kommunalmarkt restart " + part + " failed with " + exit);
        }
    }

    /** {@code kill -9} of a part's whole process group, as a crash would end it. */
    public void kill9(String part) {
        try {
            String pid = Files.readString(state.resolve("pids").resolve(part + ".pid")).strip();
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
            // SIGKILL is only sent: the group dies (and frees its ports) a moment later
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (new ProcessBuilder("kill", "-0", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(part + " (process group " + pid + ") still alive 30 s after kill -9");
                }
                Thread.sleep(50);
            }
            Files.deleteIfExists(state.resolve("pids").resolve(part + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops everything; returns the exit code of {@code ./kommunalmarkt stop}. */
    public int stop() {
        return run("stop");
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

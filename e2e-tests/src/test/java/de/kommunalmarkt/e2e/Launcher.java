package de.kommunalmarkt.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code ./kommunalmarkt} run as a process with a state folder of its own and free ports, its output
 * (stdout and stderr, both a pipe) captured: for the tests of the launcher itself. Unlike
 * {@link LocalStack} it expects failures, and it clears every launcher setting the test run's own
 * environment may carry, so only what a test sets counts.
 */
final class Launcher {

    /** The ports of the local stack and the variables that move them. */
    static final Map<String, String> PORT_VARIABLES = new LinkedHashMap<>();

    static {
        PORT_VARIABLES.put("postgres", "KM_POSTGRES_PORT");
        PORT_VARIABLES.put("kafka", "KM_KAFKA_PORT");
        PORT_VARIABLES.put("smtp", "KM_SMTP_PORT");
        PORT_VARIABLES.put("imap", "KM_IMAP_PORT");
        PORT_VARIABLES.put("keycloak", "KM_KEYCLOAK_PORT");
        PORT_VARIABLES.put("keycloak-management", "KC_MANAGEMENT_PORT");
        PORT_VARIABLES.put("catalog", "KM_CATALOG_PORT");
        PORT_VARIABLES.put("licensing", "KM_LICENSING_PORT");
        PORT_VARIABLES.put("billing", "KM_BILLING_PORT");
        PORT_VARIABLES.put("web", "KM_WEB_PORT");
    }

    static final Path ROOT = Path.of(System.getProperty("kommunalmarkt.root", "..")).toAbsolutePath().normalize();

    final Path state;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, String> environment = new LinkedHashMap<>();

    Launcher(String name) {
        try {
            state = Files.createTempDirectory(Files.createDirectories(ROOT.resolve("e2e-tests/target/launcher-tests")), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String part : PORT_VARIABLES.keySet()) {
            int port;
            do {
                port = freePort();
            } while (ports.containsValue(port));
            ports.put(part, port);
        }
        environment.put("KOMMUNALMARKT_HOME", state.toString());
        PORT_VARIABLES.forEach((part, variable) -> environment.put(variable, String.valueOf(ports.get(part))));
    }

    Launcher with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** What one run printed (stdout and stderr in the order written) and how it ended. */
    record Result(int exitCode, String output, Duration took) {
    }

    Result run(String... args) {
        return run(Duration.ofMinutes(5), line -> { }, args);
    }

    /** Runs {@code bash kommunalmarkt ARGS}, handing each output line to {@code onLine} as it comes. */
    Result run(Duration timeout, Consumer<String> onLine, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("kommunalmarkt").toString()));
        command.addAll(List.of(args));
        return exec(command, timeout, onLine);
    }

    /** Any command in the repository root with this launcher's environment (e.g. {@code script} for a terminal). */
    Result exec(List<String> command, Duration timeout, Consumer<String> onLine) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KOMMUNALMARKT_") || k.startsWith("KM_") || k.startsWith("KC_")
                || k.startsWith("QUARKUS_") || k.equals("KEYCLOAK_VERSION") || k.equals("NO_COLOR"));
        env.putAll(environment);
        long t0 = System.nanoTime();
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            StringBuffer output = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        output.append(line).append('\n');
                        onLine.accept(line);
                    }
                } catch (IOException e) {
                    output.append("(reading the output failed: ").append(e).append(")\n");
                }
            }, "launcher-output");
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(5_000);
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + "; output:\n" + output);
            }
            reader.join(30_000);
            return new Result(process.exitValue(), output.toString(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pid files left in the state folder (none once everything is stopped). */
    List<Path> pidFiles() {
        Path pids = state.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.filter(p -> p.toString().endsWith(".pid")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parts whose port still accepts connections. */
    List<String> listening() {
        return ports.entrySet().stream().filter(e -> listening(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** Live processes started for this state folder (the embedded PostgreSQL and Kafka name it). */
    List<String> processesOfThisState() {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(state.toString()))
                .toList();
    }

    /** Stops whatever a test left running; for clean-up after a failed assertion. */
    void stopQuietly() {
        if (!pidFiles().isEmpty()) {
            run(Duration.ofMinutes(3), line -> { }, "stop");
        }
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A listening socket on 127.0.0.1:port, as another program would hold it. */
    static ServerSocket occupy(int port) {
        try {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

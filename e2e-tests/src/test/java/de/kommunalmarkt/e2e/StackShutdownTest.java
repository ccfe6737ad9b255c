package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs last: one command stops the whole marketplace, and nothing is left running or listening. */
@Order(Integer.MAX_VALUE)
class StackShutdownTest {

    @Test
    void stoppingLeavesNothingRunning() throws IOException {
        LocalStack stack = SharedStack.get();
        assertThat(SharedStack.stop()).isSameAs(stack);
        try (Stream<Path> pids = Files.list(stack.state().resolve("pids"))) {
            assertThat(pids.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
        }
        List<String> names = new ArrayList<>(List.of("postgres", "kafka", "smtp", "imap", "keycloak"));
        names.addAll(stack.serviceParts());
        for (String name : names) {
            assertThat(listening(stack.port(name))).as(name + " still listening on " + stack.port(name)).isFalse();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

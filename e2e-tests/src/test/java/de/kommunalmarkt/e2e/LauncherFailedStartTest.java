package de.kommunalmarkt.e2e;

import static de.kommunalmarkt.e2e.LauncherCommandLineTest.assertNothingRunning;
import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.e2e.Launcher.Result;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A start that fails after PostgreSQL and Kafka are up stops them again, names the part that failed
 * and why, and shows that part's log: the next start does not find anything "already running".
 * Each test starts the embedded PostgreSQL and Kafka (and in one the services), never Keycloak.
 * Runs before the shared stack starts ({@link LocalStackSmokeTest} is {@code @Order(1)}).
 */
@Order(0)
class LauncherFailedStartTest {

    private static final Duration START = Duration.ofMinutes(8);

    private Launcher launcher;

    @AfterEach
    void stopWhatATestLeft() {
        if (launcher != null) {
            launcher.stopQuietly();
        }
    }

    @Test
    void keycloaksPortTakenAfterTheCheckStopsPostgresKafkaAndTheMailServerAgain() throws Exception {
        launcher = new Launcher("keycloak-port");
        int keycloakPort = launcher.ports.get("keycloak");
        AtomicReference<ServerSocket> held = new AtomicReference<>();
        try {
            // Another program takes Keycloak's port while PostgreSQL starts, i.e. after the launcher checked it.
            Result start = launcher.run(START, line -> {
                if (line.contains("PostgreSQL: starting") && held.get() == null) {
                    held.set(Launcher.occupy(keycloakPort));
                }
            }, "start", "--detach");
            System.out.println("E2E launcher, Keycloak's port taken during the start:\n" + start.output());

            assertThat(held.get()).as("the test took Keycloak's port during the start").isNotNull();
            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.output())
                    .contains("==> Kafka: starting")
                    .contains("start failed at Keycloak: port " + keycloakPort + " (Keycloak) is in use")
                    .contains("set KM_KEYCLOAK_PORT to another port")
                    .contains("Stopping what this start started: mail kafka postgres")
                    .doesNotContain("catalog-service: starting", "\u001b");
            assertNothingRunning(launcher, "keycloak");
            assertThat(launcher.run("status").output())
                    .containsPattern("(?m)^  postgres +stopped$")
                    .containsPattern("(?m)^  kafka +stopped$")
                    .containsPattern("(?m)^  mail +stopped$");
        } finally {
            if (held.get() != null) {
                held.get().close();
            }
        }
    }

    @Test
    void aServiceThatCannotStartStopsEverythingAndShowsItsLog() {
        // Keycloak elsewhere (nothing answers there: the services do not need it to start); a setting
        // every service rejects at start-up, as a typo in the environment would be.
        launcher = new Launcher("service-fails")
                .with("KOMMUNALMARKT_OIDC_URL", "http://127.0.0.1:" + Launcher.freePort() + "/realms/kommunalmarkt")
                .with("QUARKUS_HTTP_IDLE_TIMEOUT", "not-a-duration");

        Result start = launcher.run(START, line -> { }, "start", "--detach");
        System.out.println("E2E launcher, a service that cannot start:\n" + start.output());

        assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
        assertThat(start.output())
                .contains("==> PostgreSQL: starting", "==> Kafka: starting", "catalog-service: starting")
                .containsPattern("start failed at (catalog|licensing|billing)-service: exited before it was ready")
                .containsPattern("last lines of .*/logs/(catalog|licensing|billing)\\.log:")
                .as("the log tail says why").containsPattern("\\| .*quarkus\\.http\\.idle-timeout.*not-a-duration")
                .containsPattern("Stopping what this start started: billing licensing catalog mail kafka postgres")
                .doesNotContain("Kommunalmarkt is running", "\u001b");
        assertNothingRunning(launcher);
    }
}

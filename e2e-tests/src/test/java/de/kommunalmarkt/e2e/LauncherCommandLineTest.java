package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.kommunalmarkt.e2e.Launcher.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./kommunalmarkt} on a bad day, without starting the stack: every port is checked before
 * anything starts and a busy one names the variable that moves it; unknown parts and commands are
 * refused at once; the help lists every command and every setting; no colour codes reach a pipe.
 * Runs before the shared stack starts ({@link LocalStackSmokeTest} is {@code @Order(1)}).
 */
@Order(0)
class LauncherCommandLineTest {

    private static final List<String> COMMANDS = List.of("start", "stop", "status", "logs", "restart", "test", "help", "kafka-operator");
    private static final List<String> PARTS = List.of("postgres", "kafka", "mail", "keycloak", "catalog", "licensing", "billing", "web");
    private static final List<String> RESTARTABLE = List.of("catalog", "licensing", "billing", "web", "keycloak", "mail", "kafka", "postgres");
    /** How the launcher and its library read a setting: ${NAME:-default} (also :=, :?, :+ and the forms without colon). */
    private static final Pattern SETTING = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?[-=?+]");
    private static final Duration AT_ONCE = Duration.ofSeconds(30);

    private final List<Launcher> launchers = new ArrayList<>();

    private Launcher launcher(String name) {
        Launcher launcher = new Launcher(name);
        launchers.add(launcher);
        return launcher;
    }

    @AfterEach
    void stopWhatATestLeft() {
        launchers.forEach(Launcher::stopQuietly);
    }

    @Test
    void helpListsEveryCommandAndEveryVariableTheLauncherReads() throws IOException {
        Set<String> settings = variablesTheLauncherReads();
        assertThat(settings).as("settings found in the launcher's sources")
                .contains("KOMMUNALMARKT_HOME", "KOMMUNALMARKT_REBUILD", "KM_CATALOG_PORT", "KC_MANAGEMENT_PORT",
                        "KEYCLOAK_VERSION", "KC_JAVA_HOME", "NO_COLOR", "KM_WEB_PORT", "WEB_SESSION_SECRET")
                .hasSizeGreaterThanOrEqualTo(20);
        Launcher launcher = launcher("help");
        for (String flag : List.of("help", "--help", "-h")) {
            Result help = launcher.run(AT_ONCE, line -> { }, flag);
            assertThat(help.exitCode()).as(flag).isZero();
            for (String command : COMMANDS) {
                assertThat(help.output()).as("%s lists the command %s", flag, command).containsPattern("(?m)^  " + command + "\\b");
            }
            assertThat(help.output()).contains("--detach");
            for (String setting : settings) {
                assertThat(help.output()).as("%s explains %s, which the launcher reads", flag, setting)
                        .containsPattern("(?m)^  " + setting + "\\b");
            }
            for (String part : PARTS) {
                assertThat(help.output()).as("%s names the part %s", flag, part).contains(part);
            }
            assertThat(help.output().lines()).as("no line wider than 100 columns").allMatch(l -> l.length() <= 100);
            assertThat(help.output()).doesNotContain("\u001b");
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Launcher launcher = launcher("usage");
        Result none = launcher.run(AT_ONCE, line -> { });
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).contains("Usage: ./kommunalmarkt COMMAND");

        Result unknown = launcher.run(AT_ONCE, line -> { }, "strat");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown command 'strat'").contains(String.join(" ", COMMANDS));

        Result option = launcher.run(AT_ONCE, line -> { }, "start", "--detatch");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.output()).contains("unknown option '--detatch'");
        for (String count : List.of("0", "10", "two")) {
            Result instances = launcher.run(AT_ONCE, line -> { }, "start", "--instances", count);
            assertThat(instances.exitCode()).as("--instances %s", count).isEqualTo(2);
            assertThat(instances.output()).contains("'" + count + "' is not a number of instances from 1 to 9");
        }
        assertThat(launcher.run(AT_ONCE, line -> { }, "start", "--instances").output()).contains("--instances needs a number");
        assertThat(launcher.pidFiles()).isEmpty();
    }

    @Test
    void logsAndRestartRefuseAnUnknownPartAtOnceNamingTheKnownOnes() {
        Launcher launcher = launcher("parts");

        Result logs = launcher.run(AT_ONCE, line -> { }, "logs", "foo");
        assertThat(logs.exitCode()).isNotZero();
        assertThat(logs.output()).contains("unknown part 'foo'").contains(String.join(" ", PARTS));

        Result restart = launcher.run(AT_ONCE, line -> { }, "restart", "foo");
        assertThat(restart.exitCode()).isNotZero();
        assertThat(restart.output()).contains("unknown part 'foo'").contains(String.join(" ", RESTARTABLE));

        Result restartNothing = launcher.run(AT_ONCE, line -> { }, "restart");
        assertThat(restartNothing.exitCode()).isNotZero();
        assertThat(restartNothing.output()).contains(String.join(" ", RESTARTABLE));

        // a known part that has no log yet: said so, instead of waiting for the file to appear
        Result noLogYet = launcher.run(AT_ONCE, line -> { }, "logs", "catalog");
        assertThat(noLogYet.exitCode()).isNotZero();
        assertThat(noLogYet.output()).contains("no log of catalog yet");
        Result noLogsAtAll = launcher.run(AT_ONCE, line -> { }, "logs");
        assertThat(noLogsAtAll.exitCode()).isNotZero();
        assertThat(noLogsAtAll.output()).contains("no logs yet");

        for (Result r : List.of(logs, restart, restartNothing, noLogYet, noLogsAtAll)) {
            assertThat(r.took()).as(r.output()).isLessThan(Duration.ofSeconds(20));
        }
        assertThat(launcher.pidFiles()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "kafka", "smtp", "imap", "keycloak", "keycloak-management", "catalog", "licensing", "billing", "web"})
    void aBusyPortFailsTheStartBeforeAnythingStartsAndNamesTheVariableThatMovesIt(String part) throws IOException {
        Launcher launcher = launcher("busy-" + part);
        int port = launcher.ports.get(part);
        try (ServerSocket held = Launcher.occupy(port)) {
            Result start = launcher.run(Duration.ofMinutes(2), line -> { }, "start", "--detach");

            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.output())
                    .contains("port " + port + " ")
                    .contains("set " + Launcher.PORT_VARIABLES.get(part) + " to another port")
                    .contains("nothing was started")
                    .doesNotContain("==> Build", "==> PostgreSQL", "\u001b");
            assertNothingRunning(launcher, part);
        }
    }

    @Test
    void everyBusyPortIsNamedInOneGoAndAnExternalPartsPortIsNotChecked() throws IOException {
        Launcher launcher = launcher("busy-many");
        Map<String, Integer> ports = launcher.ports;
        launcher.with("KOMMUNALMARKT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + ports.get("postgres"));
        try (ServerSocket postgres = Launcher.occupy(ports.get("postgres"));
                ServerSocket catalog = Launcher.occupy(ports.get("catalog"));
                ServerSocket management = Launcher.occupy(ports.get("keycloak-management"))) {
            Result start = launcher.run(Duration.ofMinutes(2), line -> { }, "start", "--detach");

            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.output())
                    .contains("KM_CATALOG_PORT", "KC_MANAGEMENT_PORT")
                    .as("the external PostgreSQL's port is none of this machine's business")
                    .doesNotContain("KM_POSTGRES_PORT");
            assertNothingRunning(launcher, "postgres", "catalog", "keycloak-management");
        }
    }

    @Test
    void settingsThatCannotWorkFailBeforeAnythingStarts() {
        Launcher launcher = launcher("settings");
        launcher.with("KM_CATALOG_PORT", "80a").with("KM_BILLING_PORT", String.valueOf(launcher.ports.get("postgres")))
                .with("KOMMUNALMARKT_REBUILD", "yes").with("WEB_SESSION_SECRET", "secret-but-short");
        Result start = launcher.run(Duration.ofMinutes(2), line -> { }, "start", "--detach");

        assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
        assertThat(start.output())
                .contains("KM_CATALOG_PORT='80a' is not a port number")
                .contains("KM_BILLING_PORT and KM_POSTGRES_PORT are both " + launcher.ports.get("postgres"))
                .contains("KOMMUNALMARKT_REBUILD='yes' must be 1, 0 or unset")
                .contains("WEB_SESSION_SECRET has 16 characters; the web front end needs 32 or more")
                .as("the secret itself is never printed").doesNotContain("secret-but-short");
        assertNothingRunning(launcher);
    }

    @Test
    void outputToAPipeHasNoColourCodes() {
        Launcher launcher = launcher("pipe");
        for (String[] command : List.of(new String[] {"help"}, new String[] {"status"}, new String[] {"logs", "foo"},
                new String[] {"restart", "foo"}, new String[] {"nonsense"}, new String[] {"stop"})) {
            Result r = launcher.run(AT_ONCE, line -> { }, command);
            assertThat(r.output()).as(String.join(" ", command)).isNotBlank().doesNotContain("\u001b");
        }
    }

    @Test
    void onATerminalErrorsAreColouredUnlessNoColorIsSet() {
        assumeTrue(Stream.of("/usr/bin/script", "/bin/script").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "script (util-linux) gives the launcher a terminal");
        Launcher launcher = launcher("tty");
        List<String> onATerminal = List.of("script", "-qec", "bash ./kommunalmarkt logs foo", "/dev/null");

        Result coloured = launcher.exec(onATerminal, AT_ONCE, line -> { });
        assertThat(coloured.output()).contains("unknown part 'foo'").contains("\u001b[31m");

        launcher.with("NO_COLOR", "1");
        Result plain = launcher.exec(onATerminal, AT_ONCE, line -> { });
        assertThat(plain.output()).contains("unknown part 'foo'").doesNotContain("\u001b");
    }

    /** No pid file, no port of the stack listening (but the ones the test holds), no process of its state. */
    static void assertNothingRunning(Launcher launcher, String... heldByTheTest) {
        assertThat(launcher.pidFiles()).as("pid files left in " + launcher.state).isEmpty();
        assertThat(launcher.listening()).as("ports still listening").containsExactlyInAnyOrder(heldByTheTest);
        assertThat(launcher.processesOfThisState()).as("processes of " + launcher.state).isEmpty();
    }

    /** Every ${NAME:-...} in the launcher and the library it sources. */
    static Set<String> variablesTheLauncherReads() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>(List.of(Launcher.ROOT.resolve("kommunalmarkt")));
        try (Stream<Path> lib = Files.list(Launcher.ROOT.resolve("deploy/local/lib"))) {
            lib.filter(p -> p.toString().endsWith(".sh")).forEach(sources::add);
        }
        for (Path source : sources) {
            Matcher m = SETTING.matcher(Files.readString(source));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}

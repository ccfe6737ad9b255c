package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When does {@code ./kommunalmarkt start} build? {@code build_outdated} of deploy/local/lib/build.sh
 * (the launcher's decision) on a made-up repository of small files with the real layout and module
 * dependencies: after a {@code git pull} brings a newer source of a module or of one it depends on,
 * that module is out of date; a change to a test is not; and a module Maven did not need to rebuild
 * (its output untouched) is not out of date because of another module's change.
 */
@Order(0)
class LauncherBuildDecisionTest {

    /** module folder -> its artifactId and the reactor artifacts it depends on (as in the real poms). */
    private static final Map<String, List<String>> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("event-contracts", List.of("event-contracts"));
        MODULES.put("common", List.of("common", "event-contracts"));
        MODULES.put("deploy/embedded-infra", List.of("embedded-infra", "event-contracts"));
        MODULES.put("test-support", List.of("test-support", "common", "embedded-infra"));
        MODULES.put("catalog-service", List.of("catalog-service", "common", "test-support"));
        MODULES.put("licensing-service", List.of("licensing-service", "common", "test-support"));
        MODULES.put("billing-service", List.of("billing-service", "common", "test-support"));
        MODULES.put("web", List.of("web"));
        MODULES.put("e2e-tests", List.of("e2e-tests", "test-support"));
    }

    private static final String INFRA_CLASSPATH = "deploy/embedded-infra/target/runner.classpath";
    private static final String INFRA_CLASS = "deploy/embedded-infra/target/classes/de/kommunalmarkt/infra/InfraMain.class";
    private static final List<String> OUTPUTS = List.of(INFRA_CLASSPATH, INFRA_CLASS,
            "catalog-service/target/quarkus-app/quarkus-run.jar", "licensing-service/target/quarkus-app/quarkus-run.jar",
            "billing-service/target/quarkus-app/quarkus-run.jar", "web/target/quarkus-app/quarkus-run.jar");
    /** When the sources were checked out, and (later) when everything was built. */
    private static final Instant CHECKOUT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant BUILT = CHECKOUT.plusSeconds(600);
    private static final Instant LATER = BUILT.plusSeconds(60);

    @TempDir
    Path repo;

    @BeforeEach
    void aRepositoryBuiltAfterItsLastChange() throws IOException {
        StringBuilder pom = new StringBuilder("<project>\n  <artifactId>kommunalmarkt-parent</artifactId>\n  <modules>\n");
        for (String m : MODULES.keySet()) {
            pom.append("    <module>").append(m).append("</module>\n");
        }
        pom.append("    <!-- <module>retired</module> -->\n  </modules>\n</project>\n");
        write("pom.xml", pom.toString());
        write(".gitignore", "target/\n*.orig\n");
        for (var module : MODULES.entrySet()) {
            List<String> ids = module.getValue();
            StringBuilder modulePom = new StringBuilder("<project>\n  <parent>\n    <artifactId>kommunalmarkt-parent</artifactId>\n"
                    + "  </parent>\n  <artifactId>" + ids.get(0) + "</artifactId>\n  <dependencies>\n");
            for (String dependency : ids.subList(1, ids.size())) {
                modulePom.append("    <dependency>\n      <artifactId>").append(dependency).append("</artifactId>\n    </dependency>\n");
            }
            modulePom.append("    <!-- <dependency><artifactId>billing-service</artifactId></dependency> -->\n");
            modulePom.append("  </dependencies>\n</project>\n");
            write(module.getKey() + "/pom.xml", modulePom.toString());
            write(module.getKey() + "/src/main/java/de/kommunalmarkt/Main.java", "class Main {}\n");
            write(module.getKey() + "/src/main/resources/application.properties", "a=b\n");
            write(module.getKey() + "/src/test/java/de/kommunalmarkt/MainTest.java", "class MainTest {}\n");
        }
        write("README.md", "docs\n");
        git("init", "-q");
        git("add", "-A");
        try (var files = Files.walk(repo)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(repo.resolve(".git"))).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(CHECKOUT));
            }
        }
        for (String output : OUTPUTS) {
            write(output, "built\n");
            touch(output, BUILT);
        }
    }

    @Test
    void outputsBuiltAfterEverySourceAreUpToDate() {
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aMissingOutputIsBuilt() throws IOException {
        Files.delete(repo.resolve("licensing-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(decide()).isEqualTo("build: licensing-service/target/quarkus-app/quarkus-run.jar is missing");
    }

    @Test
    void theWebFrontEndsJarIsOneOfTheOutputs() throws IOException {
        Files.delete(repo.resolve("web/target/quarkus-app/quarkus-run.jar"));
        assertThat(decide()).isEqualTo("build: web/target/quarkus-app/quarkus-run.jar is missing");
    }

    @Test
    void aNewerSourceOfAModuleOrOfOneItDependsOnRebuildsIt() throws IOException {
        Map<String, String> staleBecause = new LinkedHashMap<>();
        staleBecause.put("billing-service/src/main/java/de/kommunalmarkt/Main.java", "billing-service/target/quarkus-app/quarkus-run.jar");
        staleBecause.put("catalog-service/pom.xml", "catalog-service/target/quarkus-app/quarkus-run.jar");
        staleBecause.put("web/src/main/resources/application.properties", "web/target/quarkus-app/quarkus-run.jar");
        staleBecause.put("common/src/main/java/de/kommunalmarkt/Main.java", "catalog-service/target/quarkus-app/quarkus-run.jar");
        staleBecause.put("event-contracts/src/main/resources/application.properties", INFRA_CLASSPATH);
        staleBecause.put("deploy/embedded-infra/src/main/java/de/kommunalmarkt/Main.java", INFRA_CLASSPATH);
        staleBecause.put("pom.xml", INFRA_CLASSPATH);
        for (var e : staleBecause.entrySet()) {
            touch(e.getKey(), LATER);
            assertThat(decide()).as(e.getKey()).isEqualTo("build: " + e.getKey() + " is newer than " + e.getValue());
            touch(e.getKey(), CHECKOUT);
        }
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aModuleMavenDidNotRebuildIsNotOutOfDateBecauseOfAnotherModulesChange() throws IOException {
        // billing changed and was rebuilt; Maven left embedded-infra's runner.classpath and classes as they were
        touch("billing-service/src/main/java/de/kommunalmarkt/Main.java", LATER);
        touch("billing-service/target/quarkus-app/quarkus-run.jar", LATER.plusSeconds(60));
        assertThat(decide()).isEqualTo(UP_TO_DATE);
        // embedded-infra recompiled, its classpath unchanged (Maven did not rewrite runner.classpath)
        touch("deploy/embedded-infra/src/main/java/de/kommunalmarkt/Main.java", LATER);
        assertThat(decide()).startsWith("build: deploy/embedded-infra/src/main/java/de/kommunalmarkt/Main.java is newer than ");
        touch(INFRA_CLASS, LATER.plusSeconds(60));
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void testsAndFilesOutsideTheRuntimeModulesChangeNoJar() throws IOException {
        for (String other : List.of("catalog-service/src/test/java/de/kommunalmarkt/MainTest.java",
                "e2e-tests/src/main/java/de/kommunalmarkt/Main.java", "test-support/src/main/java/de/kommunalmarkt/Main.java",
                "e2e-tests/pom.xml", "test-support/pom.xml", "README.md")) {
            touch(other, LATER);
        }
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aNewFileNotYetAddedCountsAnIgnoredOneDoesNot() throws IOException {
        write("licensing-service/src/main/java/de/kommunalmarkt/Ignored.orig", "old\n");
        assertThat(decide()).isEqualTo(UP_TO_DATE);
        write("licensing-service/src/main/java/de/kommunalmarkt/New.java", "class New {}\n");
        assertThat(decide()).isEqualTo("build: licensing-service/src/main/java/de/kommunalmarkt/New.java is newer than "
                + "licensing-service/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void outsideAGitCheckoutEveryFileUnderSrcMainCounts() throws IOException {
        deleteRecursively(repo.resolve(".git"));
        assertThat(decide()).isEqualTo(UP_TO_DATE);
        touch("common/src/main/resources/application.properties", LATER);
        assertThat(decide()).startsWith("build: common/src/main/resources/application.properties is newer than ");
    }

    @Test
    void aBuildThatChangedNoOutputStillMarksThemUpToDate() throws IOException {
        touch("common/src/main/java/de/kommunalmarkt/Main.java", Instant.now().minusSeconds(5));
        assertThat(decide()).startsWith("build: common/");
        assertThat(bash("build_mark_done \"$2\"")).isEqualTo("");
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    private static final String UP_TO_DATE = "up to date";

    /** "build: REASON" when build_outdated says to build, "up to date" when not. */
    private String decide() {
        String out = bash("if reason=\"$(build_outdated \"$2\")\"; then echo \"build: $reason\"; else echo 'up to date'; fi");
        return out.strip();
    }

    private String bash(String script) {
        return run(List.of("bash", "-c", "set -euo pipefail; source \"$1\"; " + script, "bash",
                Launcher.ROOT.resolve("deploy/local/lib/build.sh").toString(), repo.toString()));
    }

    private void git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(String file, String content) throws IOException {
        Path p = repo.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void touch(String file, Instant when) throws IOException {
        Files.setLastModifiedTime(repo.resolve(file), FileTime.from(when));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

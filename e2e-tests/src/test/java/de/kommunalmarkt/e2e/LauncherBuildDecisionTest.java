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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When does {@code ./kommunalmarkt start} build? {@code build_outdated} of deploy/local/lib/build.sh
 * (the launcher's decision) on a made-up repository of empty files with the real layout: after a
 * {@code git pull} brings newer sources, the jars are out of date; a change to a test is not.
 */
@Order(0)
class LauncherBuildDecisionTest {

    private static final List<String> MODULES = List.of("event-contracts", "common", "deploy/embedded-infra", "test-support",
            "catalog-service", "licensing-service", "billing-service", "e2e-tests");
    private static final List<String> JARS = List.of("deploy/embedded-infra/target/runner.classpath",
            "catalog-service/target/quarkus-app/quarkus-run.jar", "licensing-service/target/quarkus-app/quarkus-run.jar",
            "billing-service/target/quarkus-app/quarkus-run.jar");
    /** When the sources were checked out, and (later) when the jars were built. */
    private static final Instant CHECKOUT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant BUILT = CHECKOUT.plusSeconds(600);

    @TempDir
    Path repo;

    @BeforeEach
    void aRepositoryBuiltAfterItsLastChange() throws IOException {
        StringBuilder pom = new StringBuilder("<project>\n  <modules>\n");
        for (String m : MODULES) {
            pom.append("    <module>").append(m).append("</module>\n");
        }
        pom.append("    <!-- <module>retired</module> -->\n  </modules>\n</project>\n");
        write("pom.xml", pom.toString());
        write(".gitignore", "target/\n*.orig\n");
        for (String m : MODULES) {
            write(m + "/pom.xml", "<project/>\n");
            write(m + "/src/main/java/de/kommunalmarkt/Main.java", "class Main {}\n");
            write(m + "/src/main/resources/application.properties", "a=b\n");
            write(m + "/src/test/java/de/kommunalmarkt/MainTest.java", "class MainTest {}\n");
        }
        write("README.md", "docs\n");
        git("init", "-q");
        git("add", "-A");
        try (var files = Files.walk(repo)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(repo.resolve(".git"))).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(CHECKOUT));
            }
        }
        for (String jar : JARS) {
            write(jar, "built\n");
            Files.setLastModifiedTime(repo.resolve(jar), FileTime.from(BUILT));
        }
    }

    @Test
    void jarsBuiltAfterEverySourceAreUpToDate() {
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aMissingJarIsBuilt() throws IOException {
        Files.delete(repo.resolve("licensing-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(decide()).isEqualTo("build: licensing-service/target/quarkus-app/quarkus-run.jar is missing");
    }

    @Test
    void aNewerSourceOfAnyRuntimeModuleRebuilds() throws IOException {
        for (String source : List.of("common/src/main/java/de/kommunalmarkt/Main.java",
                "event-contracts/src/main/resources/application.properties",
                "deploy/embedded-infra/src/main/java/de/kommunalmarkt/Main.java",
                "billing-service/src/main/java/de/kommunalmarkt/Main.java",
                "catalog-service/pom.xml", "pom.xml")) {
            touch(source, BUILT.plusSeconds(60));
            assertThat(decide()).as(source).startsWith("build: " + source + " is newer than ");
            touch(source, CHECKOUT);
        }
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void oneJarOlderThanASourceIsEnough() throws IOException {
        touch("catalog-service/src/main/java/de/kommunalmarkt/Main.java", BUILT.plusSeconds(60));
        for (String jar : JARS) {
            touch(jar, jar.startsWith("billing") ? BUILT : BUILT.plusSeconds(120));
        }
        assertThat(decide()).isEqualTo("build: catalog-service/src/main/java/de/kommunalmarkt/Main.java is newer than "
                + "billing-service/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void testsAndFilesOutsideTheModulesChangeNoJar() throws IOException {
        for (String other : List.of("catalog-service/src/test/java/de/kommunalmarkt/MainTest.java",
                "e2e-tests/src/main/java/de/kommunalmarkt/Main.java", "test-support/src/main/java/de/kommunalmarkt/Main.java",
                "e2e-tests/pom.xml", "README.md")) {
            touch(other, BUILT.plusSeconds(60));
        }
        assertThat(decide()).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aNewFileNotYetAddedCountsAnIgnoredOneDoesNot() throws IOException {
        write("licensing-service/src/main/java/de/kommunalmarkt/Ignored.orig", "old\n");
        assertThat(decide()).isEqualTo(UP_TO_DATE);
        write("licensing-service/src/main/java/de/kommunalmarkt/New.java", "class New {}\n");
        assertThat(decide()).isEqualTo("build: licensing-service/src/main/java/de/kommunalmarkt/New.java is newer than "
                + "deploy/embedded-infra/target/runner.classpath");
    }

    @Test
    void outsideAGitCheckoutEveryFileUnderSrcMainCounts() throws IOException {
        deleteRecursively(repo.resolve(".git"));
        assertThat(decide()).isEqualTo(UP_TO_DATE);
        touch("common/src/main/resources/application.properties", BUILT.plusSeconds(60));
        assertThat(decide()).startsWith("build: common/src/main/resources/application.properties is newer than ");
    }

    @Test
    void aBuildThatChangedNoJarStillMarksThemUpToDate() throws IOException {
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

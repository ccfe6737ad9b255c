package de.kommunalmarkt.testsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent during a measured interval, from Linux' {@code /proc}: by the whole machine (every
 * process, busy jiffies of {@code /proc/stat}), by named processes ({@code /proc/<pid>/stat}, user +
 * system) and by this benchmark's own JVM. Where the machine's cores are the limit, this says which
 * process a request's CPU goes to. Elsewhere than Linux the figures are absent, never invented.
 */
public final class CpuMeter {

    /** CPU milliseconds of one interval: the machine's, and each named process' (this JVM as "benchmark"). */
    public record Usage(double seconds, long machineMillis, Map<String, Long> processMillis) {

        /** What no named process accounts for: the database, the broker, the operating system ... */
        public long restMillis() {
            return machineMillis - processMillis.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The share of the machine's cores that were busy, 0..1. */
        public double machineLoad() {
            return seconds <= 0 ? 0 : machineMillis / (seconds * 1000.0 * Runtime.getRuntime().availableProcessors());
        }
    }

    /** A reading to subtract from a later one. */
    public final class Reading {
        private final long nanos = System.nanoTime();
        private final long machine = machineTicks();
        private final Map<String, Long> processes = processTicks();

        /** The CPU spent from this reading until now. */
        public Usage until() {
            long machineNow = machineTicks();
            Map<String, Long> now = processTicks();
            Map<String, Long> millis = new LinkedHashMap<>();
            now.forEach((name, ticks) -> {
                Long before = processes.get(name);
                if (before != null && ticks >= 0 && before >= 0) {
                    millis.put(name, toMillis(ticks - before));
                }
            });
            return new Usage((System.nanoTime() - nanos) / 1e9, machine < 0 ? -1 : toMillis(machineNow - machine), millis);
        }
    }

    /** Linux' USER_HZ: the unit of /proc's CPU times (100 on every common kernel). */
    private static final long TICKS_PER_SECOND = 100;

    private final Map<String, Long> pids;

    /** Meters the named processes besides the machine and this JVM. */
    public CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("benchmark", ProcessHandle.current().pid());
    }

    /** Whether this machine has the {@code /proc} files the meter reads. */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    public Reading read() {
        return new Reading();
    }

    private static long toMillis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Busy ticks of all cores: user, nice, system, irq, softirq, steal (not idle, not iowait); -1 if unreadable. */
    private static long machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Map<String, Long> processTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        return ticks;
    }

    /** utime + stime of the process; -1 if it is gone or unreadable. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may contain blanks; the fields after its closing parenthesis are fixed
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package de.kommunalmarkt.testsupport.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load for the services' benchmarks: {@code clients} threads, each sending its next request as
 * soon as its last one was answered, for a warm-up and then a measured time (or until a request budget is
 * spent). Each client records its own latencies (no lock between clients); they are merged at the end.
 * Only calls that began after the warm-up are counted.
 */
public final class ClosedLoop {

    /** A client's request number {@code n} (unique over all clients, from 0): sends it, times each call on {@code timer}. */
    @FunctionalInterface
    public interface Request {
        void send(int client, long n, Timer timer) throws Exception;
    }

    /** One client's latencies; a request may time several calls (e.g. a request and its approval). */
    public static final class Timer {
        private final AtomicBoolean measuring;
        private long[] micros = new long[1 << 12];
        private int count;

        private Timer(AtomicBoolean measuring) {
            this.measuring = measuring;
        }

        /** Whether calls beginning now are counted (the warm-up is over). */
        public boolean measuring() {
            return measuring.get();
        }

        /** Records a call from {@code startNanos} to {@code endNanos} ({@link System#nanoTime()}) if it began measured. */
        public void record(boolean measured, long startNanos, long endNanos) {
            if (!measured) {
                return;
            }
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = (endNanos - startNanos) / 1000;
        }
    }

    /**
     * What the measured part gave: the calls' latencies (sorted), its length, requests that threw, and the
     * CPU it took if a {@link CpuMeter} was given ({@code null} otherwise).
     */
    public record Outcome(long[] sortedMicros, double seconds, long failures, CpuMeter.Usage cpu) {

        public long calls() {
            return sortedMicros.length;
        }

        public double callsPerSecond() {
            return seconds <= 0 ? 0 : calls() / seconds;
        }

        /** The latency at quantile {@code p} (0.5, 0.99) in microseconds; 0 without calls. */
        public long percentileMicros(double p) {
            return percentile(sortedMicros, p);
        }
    }

    /** The value at quantile {@code p} of sorted values (nearest rank); 0 for none. */
    public static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private ClosedLoop() {
    }

    public static Outcome run(int clients, Duration warmup, Duration measure, long maxRequests, Request request)
            throws InterruptedException {
        return run(clients, warmup, measure, maxRequests, null, request);
    }

    /** As {@link #run(int, Duration, Duration, long, Request)}, metering the measured part's CPU with {@code cpu} if given. */
    public static Outcome run(int clients, Duration warmup, Duration measure, long maxRequests, CpuMeter cpu, Request request)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(warmup.isZero());
        Timer[] timers = new Timer[clients];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        long end = System.nanoTime() + warmup.plus(measure).toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            timers[c] = new Timer(measuring);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end) {
                        long n = sequence.getAndIncrement();
                        if (n >= maxRequests) {
                            break;
                        }
                        try {
                            request.send(client, n, timers[client]);
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            if (failures.incrementAndGet() <= 3) {
                                System.out.println("    request failed: " + e);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        start.countDown();
        if (!warmup.isZero()) {
            Thread.sleep(warmup.toMillis());
            measuring.set(true);
        }
        long measured = System.nanoTime();
        CpuMeter.Reading cpuAtStart = cpu == null ? null : cpu.read();
        done.await();
        double seconds = (System.nanoTime() - measured) / 1e9;
        CpuMeter.Usage used = cpuAtStart == null ? null : cpuAtStart.until();
        long[] all = new long[Arrays.stream(timers).mapToInt(t -> t.count).sum()];
        int at = 0;
        for (Timer t : timers) {
            System.arraycopy(t.micros, 0, all, at, t.count);
            at += t.count;
        }
        Arrays.sort(all);
        return new Outcome(all, seconds, failures.get(), used);
    }
}

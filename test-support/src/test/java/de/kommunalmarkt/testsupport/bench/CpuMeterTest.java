package de.kommunalmarkt.testsupport.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void busyWorkOfThisJvmShowsAsTheBenchmarksCpuAndWithinTheMachines() {
        assumeTrue(CpuMeter.available(), "needs Linux' /proc");
        CpuMeter meter = new CpuMeter(Map.of("gone", Long.MAX_VALUE));
        CpuMeter.Reading start = meter.read();
        long until = System.nanoTime() + 400_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        CpuMeter.Usage used = start.until();

        assertThat(spin).isPositive();
        assertThat(used.seconds()).isGreaterThanOrEqualTo(0.4);
        assertThat(used.processMillis()).containsOnlyKeys("benchmark"); // a process that does not exist is left out
        // one thread spun 400 ms: /proc counts in 10 ms ticks, and a loaded machine may give it less of a core
        assertThat(used.processMillis().get("benchmark")).isBetween(100L, 4_000L);
        assertThat(used.machineMillis()).isGreaterThanOrEqualTo(used.processMillis().get("benchmark") - 20);
        assertThat(used.machineLoad()).isBetween(0.0, 1.01);
    }
}

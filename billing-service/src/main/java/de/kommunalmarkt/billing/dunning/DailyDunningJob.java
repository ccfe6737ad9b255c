package de.kommunalmarkt.billing.dunning;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;

/** Raises the dunning levels due today, daily (by default at 06:00 in the marketplace's zone; {@code billing.dunning.cron=off} disables it). */
@ApplicationScoped
public class DailyDunningJob {

    private final DunningService dunning;
    private final Clock clock;

    public DailyDunningJob(DunningService dunning, Clock clock) {
        this.dunning = dunning;
        this.clock = clock;
    }

    @Scheduled(identity = "daily-dunning", cron = "${billing.dunning.cron}", timeZone = "${kommunalmarkt.time.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void raiseLevelsDueToday() {
        dunning.raise(LocalDate.now(clock));
    }
}

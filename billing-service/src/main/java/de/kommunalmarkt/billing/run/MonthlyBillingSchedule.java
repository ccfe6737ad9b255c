package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.Periods;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Bills the previous month on the 1st (by default at 02:00 in the marketplace's zone, {@code kommunalmarkt.time.zone}; {@code billing.schedule.cron=off} disables it). */
@ApplicationScoped
public class MonthlyBillingSchedule {

    private final BillingRunService runs;
    private final Periods periods;

    public MonthlyBillingSchedule(BillingRunService runs, Periods periods) {
        this.runs = runs;
        this.periods = periods;
    }

    @Scheduled(identity = "monthly-billing-run", cron = "${billing.schedule.cron}", timeZone = "${kommunalmarkt.time.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void billPreviousMonth() {
        runs.start(periods.previous(), "schedule");
    }
}

package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.pricing.BillingPeriod;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;

/** Bills the previous month on the 1st (by default at 02:00 Europe/Berlin; {@code billing.schedule.cron=off} disables it). */
@ApplicationScoped
public class MonthlyBillingSchedule {

    private final BillingRunService runs;

    public MonthlyBillingSchedule(BillingRunService runs) {
        this.runs = runs;
    }

    @Scheduled(identity = "monthly-billing-run", cron = "${billing.schedule.cron}", timeZone = "Europe/Berlin",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void billPreviousMonth() {
        runs.start(new BillingPeriod(YearMonth.from(Periods.today()).minusMonths(1)), "schedule");
    }
}

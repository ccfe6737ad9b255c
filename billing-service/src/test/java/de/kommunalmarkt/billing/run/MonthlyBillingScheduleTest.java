package de.kommunalmarkt.billing.run;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MonthlyBillingScheduleTest {

    @Inject
    Periods periods;

    @Inject
    MonthlyBillingSchedule schedule;

    @Inject
    Scheduler scheduler;

    @Test
    void theMonthlyJobBillsThePreviousMonth() {
        schedule.billPreviousMonth();
        String previousMonth = periods.previous().toString();
        JsonPath runs = BillingApi.get(TestTokens.billingAdmin(), "/api/billing-runs", Map.of("period", previousMonth));
        assertThat(runs.getList("items")).hasSize(1);
        assertThat(runs.getString("items[0].triggeredBy")).isEqualTo("schedule");
        assertThat(BillingApi.awaitCompleted(runs.getString("items[0].id")).getString("period")).isEqualTo(previousMonth);
    }

    @Test
    void theScheduleIsOffWhenConfiguredSo() {
        // src/main/resources/application.properties: %test.billing.schedule.cron=off
        assertThat(scheduler.getScheduledJob("monthly-billing-run")).isNull();
    }
}

package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingConfig;
import de.kommunalmarkt.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/** The engine on the service's datasource, counting invoices, timing runs and waking the outbox relay. */
public class BillingRunEngineProducer {

    @Produces
    @ApplicationScoped
    BillingRunEngine engine(DataSource dataSource, ObjectMapper json, BillingConfig config, MeterRegistry metrics,
            OutboxRelay relay) {
        Counter issued = Counter.builder("kommunalmarkt_invoices_issued")
                .description("Invoices issued by billing runs").register(metrics);
        Timer duration = Timer.builder("kommunalmarkt_billing_run_duration")
                .description("Time from a billing run's first start to its completion").register(metrics);
        BillingRunEngine.Listener listener = new BillingRunEngine.Listener() {
            @Override
            public void batchCommitted(UUID runId, int invoices) {
                issued.increment(invoices);
                // The rows were written by JDBC, not Outbox.publish, so nothing else tells the relay.
                relay.wake();
            }

            @Override
            public void runCompleted(UUID runId, Duration runDuration, long invoices) {
                duration.record(runDuration);
                relay.wake();
            }
        };
        BillingConfig.Run run = config.run();
        return new BillingRunEngine(dataSource, json,
                new BillingRunEngine.Settings(run.batchSize(), config.paymentTermsDays(),
                        config.corrections().windowMonths(), run.failAfterMunicipalities()),
                listener);
    }
}

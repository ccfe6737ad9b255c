package de.kommunalmarkt.billing.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Part 2, after {@link CreditOffset1InterruptedTest}: the restarted service resumes the run; the
 * municipality's invoice carries the offset of its whole balance, once — also when the run is started
 * again and when the offset step is repeated for the same invoice.
 */
@QuarkusTest
@TestProfile(CreditOffset2ResumedTest.Restarted.class)
class CreditOffset2ResumedTest {

    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billing.run.batch-size", "1", "billing.run.resume-on-startup", "true");
        }
    }

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void theResumedRunOffsetsTheBalanceExactlyOnce() throws Exception {
        String october = CreditOffset1InterruptedTest.OCTOBER;
        String ags = CreditOffset1InterruptedTest.WITH_BALANCE;
        String runId = BillingApi.get(TestTokens.billingAdmin(), "/api/billing-runs",
                Map.of("period", october)).getString("items[0].id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(BillingApi.run(runId).getString("state")));

        String invoiceId = PaymentsApi.invoiceId(october, ags);
        JsonPath invoice = BillingApi.invoice(invoiceId);
        assertThat(invoice.getString("creditOffset.amount")).isEqualTo("40.00");
        assertThat(invoice.getString("openAmount")).isEqualTo("79.00");
        assertThat(CreditOffset1InterruptedTest.balance()).isEqualTo("0.00");

        assertThat(BillingApi.startRun(october).getString("state")).isEqualTo("COMPLETED");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CreditBalances.offsetAgainst(c, List.of(UUID.fromString(invoiceId)));
            c.commit();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from credit_balance_use where municipality_ags = :ags").setParameter("ags", ags)
                .getSingleResult()).longValue())).isEqualTo(1);
        assertThat(BillingApi.invoice(invoiceId).getString("openAmount")).isEqualTo("79.00");
        assertThat(CreditOffset1InterruptedTest.balance()).isEqualTo("0.00");
    }
}

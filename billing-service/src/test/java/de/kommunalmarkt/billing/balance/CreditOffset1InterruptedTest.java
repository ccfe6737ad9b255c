package de.kommunalmarkt.billing.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part 1 of "an offset survives a crash exactly once": the run that would offset a credit balance fails in
 * the very transaction that writes the invoice and its offset; neither is kept, the balance is whole.
 * Part 2: {@link CreditOffset2ResumedTest}.
 */
@QuarkusTest
@TestProfile(CreditOffset1InterruptedTest.FailsAfterOneMunicipality.class)
class CreditOffset1InterruptedTest {

    @Inject
    Periods periods;

    static final String SEPTEMBER = "2024-09";
    static final String OCTOBER = "2024-10";
    /** Invoiced first (AGS order), without a balance. */
    static final String FIRST = "05158000";
    /** Invoiced second, with a credit balance of 40.00 from September. */
    static final String WITH_BALANCE = "05170000";
    static final String PROVIDER = "05112000";

    /** Each execution fails once it would invoice a second municipality, one municipality per transaction. */
    public static class FailsAfterOneMunicipality implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billing.run.batch-size", "1", "billing.run.fail-after-municipalities", "1",
                    "billing.run.resume-on-startup", "false");
        }
    }

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Test
    void aRunFailingInTheOffsetsTransactionKeepsNeitherInvoiceNorOffset() {
        PaymentsApi.seed(json, licenses, municipalities, PROVIDER, List.of(
                new PaymentsApi.Adopter(FIRST, "Kreis Mettmann", 480_000, Plans.flat("100.00"),
                        LocalDate.parse("2024-10-01"), LocalDate.parse("2024-10-31")),
                new PaymentsApi.Adopter(WITH_BALANCE, "Rhein-Erft-Kreis", 470_000, Plans.flat("100.00"),
                        LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-31"))));
        BillingApi.bill(SEPTEMBER);
        PaymentsApi.pay(PaymentsApi.invoiceId(SEPTEMBER, WITH_BALANCE), "159.00", periods.today(),
                "September mit 40,00 zu viel");
        assertThat(balance()).isEqualTo("40.00");

        String runId = BillingApi.startRun(OCTOBER).getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> BillingApi.run(runId).getString("lastError") != null);
        JsonPath run = BillingApi.run(runId);
        assertThat(run.getString("state")).isEqualTo("RUNNING");
        assertThat(run.getInt("progress.municipalitiesDone")).isEqualTo(1);
        assertThat(BillingApi.invoices(OCTOBER)).extracting(i -> i.get("municipalityAgs")).containsExactly(FIRST);
        JsonPath balance = BillingApi.get(TestTokens.billingAdmin(), "/api/balances", Map.of("municipality", WITH_BALANCE));
        assertThat(balance.getString("items[0].balance")).isEqualTo("40.00");
        assertThat(balance.getList("items[0].movements.kind")).containsExactly("OVERPAYMENT");
    }

    static String balance() {
        return BillingApi.get(TestTokens.billingAdmin(), "/api/balances", Map.of("municipality", WITH_BALANCE))
                .getString("items[0].balance");
    }
}

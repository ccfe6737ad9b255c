package de.kommunalmarkt.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After {@link PlatformFee1BilledTest}: the service restarted with a platform fee of 10 %. The statement of
 * the period billed before keeps its 5 %; the next period is billed at 10 %.
 */
@QuarkusTest
@TestProfile(PlatformFee2RaisedRateTest.RaisedRate.class)
class PlatformFee2RaisedRateTest {

    public static class RaisedRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billing.platform-fee-rate", "0.10");
        }
    }

    @Test
    void aConfigChangeDoesNotRewriteAPastStatement() {
        JsonPath july = BillingApi.get(TestTokens.provider(PlatformFee1BilledTest.KLEVE), "/api/statements",
                Map.of("period", PlatformFee1BilledTest.PERIOD));
        assertThat(july.getString("items[0].platformFeeRate")).isEqualTo("0.05");
        assertThat(july.getString("items[0].platformFee")).isEqualTo("50.00");
        assertThat(july.getString("items[0].payout")).isEqualTo("950.00");

        BillingApi.bill("2024-08");
        JsonPath august = BillingApi.get(TestTokens.billingAdmin(), "/api/statements",
                Map.of("period", "2024-08", "provider", PlatformFee1BilledTest.KLEVE));
        assertThat(august.getString("items[0].platformFeeRate")).isEqualTo("0.1");
        assertThat(august.getString("items[0].platformFee")).isEqualTo("100.00");
        assertThat(august.getString("items[0].payout")).isEqualTo("900.00");
    }
}

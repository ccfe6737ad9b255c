package de.kommunalmarkt.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * First half of the frozen platform fee: a period billed at the configured 5 %. The second half,
 * {@link PlatformFee2RaisedRateTest}, restarts the service with 10 % and finds this statement unchanged
 * (the two run in this order: classes without a test profile first).
 */
@QuarkusTest
class PlatformFee1BilledTest {

    static final String PERIOD = "2024-07";
    static final String WUPPERTAL = "05124000";
    static final String KLEVE = "05154000";

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Test
    void theRunRecordsTheRateItBillsThePeriodWith() {
        PaymentsApi.seed(json, licenses, municipalities, KLEVE, List.of(new PaymentsApi.Adopter(WUPPERTAL, "Wuppertal",
                355_000, Plans.flat("1000.00"), LocalDate.parse("2024-07-01"), LocalDate.parse("2024-08-31"))));
        BillingApi.bill(PERIOD);
        JsonPath statement = BillingApi.get(TestTokens.provider(KLEVE), "/api/statements", Map.of("period", PERIOD));
        assertThat(statement.getString("items[0].netRevenue")).isEqualTo("1000.00");
        assertThat(statement.getString("items[0].platformFeeRate")).isEqualTo("0.05");
        assertThat(statement.getString("items[0].platformFee")).isEqualTo("50.00");
        assertThat(statement.getString("items[0].payout")).isEqualTo("950.00");
    }
}

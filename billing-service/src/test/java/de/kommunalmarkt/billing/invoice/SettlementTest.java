package de.kommunalmarkt.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** openAmount = gross − payments − credit notes (gross) − offset; OPEN, PAID when covered exactly, OVERPAID beyond. */
class SettlementTest {

    static Settlement of(String gross, String paid, String credited, String offset) {
        return new Settlement(new BigDecimal(gross), new BigDecimal(paid), new BigDecimal(credited), new BigDecimal(offset));
    }

    @Test
    void statusFollowsTheOpenAmount() {
        assertThat(of("10172.27", "0", "0", "0").openAmount()).isEqualByComparingTo("10172.27");
        assertThat(of("10172.27", "0", "0", "0").status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(of("10172.27", "10000.00", "0", "0").openAmount()).isEqualByComparingTo("172.27");
        assertThat(of("10172.27", "10000.00", "172.27", "0").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(of("119.00", "88.00", "0", "31.00").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(of("119.00", "119.00", "23.80", "0").openAmount()).isEqualByComparingTo("-23.80");
        assertThat(of("119.00", "119.00", "23.80", "0").status()).isEqualTo(InvoiceStatus.OVERPAID);
        assertThat(of("119.00", "0.00", "119.00", "0").status()).isEqualTo(InvoiceStatus.PAID);
    }
}

package de.kommunalmarkt.billing.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A balance consists of the invoices paid beyond their gross, used first in first out. */
class CreditSourcesTest {

    static final CreditSources.Excess OVERPAID = new CreditSources.Excess("KM-2026-000001", null, new BigDecimal("31.00"));
    static final CreditSources.Excess CREDITED =
            new CreditSources.Excess("KM-2026-000007", "KM-2026-000020", new BigDecimal("23.80"));

    @Test
    void usesConsumeTheOldestExcessFirst() {
        assertThat(CreditSources.remaining(List.of(OVERPAID, CREDITED), BigDecimal.ZERO)).containsExactly(OVERPAID, CREDITED);
        assertThat(CreditSources.remaining(List.of(OVERPAID, CREDITED), new BigDecimal("10.00")))
                .containsExactly(new CreditSources.Excess("KM-2026-000001", null, new BigDecimal("21.00")), CREDITED);
        assertThat(CreditSources.remaining(List.of(OVERPAID, CREDITED), new BigDecimal("31.00"))).containsExactly(CREDITED);
        assertThat(CreditSources.remaining(List.of(OVERPAID, CREDITED), new BigDecimal("40.00")))
                .containsExactly(new CreditSources.Excess("KM-2026-000007", "KM-2026-000020", new BigDecimal("14.80")));
        assertThat(CreditSources.remaining(List.of(OVERPAID, CREDITED), new BigDecimal("54.80"))).isEmpty();
    }

    @Test
    void anOffsetNamesTheSourcesItUses() {
        List<CreditSources.Excess> both = List.of(OVERPAID, CREDITED);
        assertThat(CreditSources.covering(both, new BigDecimal("31.00"))).containsExactly(OVERPAID);
        assertThat(CreditSources.covering(both, new BigDecimal("31.01"))).containsExactly(OVERPAID, CREDITED);
        assertThat(CreditSources.describe(both)).isEqualTo("Verrechnet mit Guthaben aus Überzahlung der Rechnung "
                + "KM-2026-000001; Gutschrift KM-2026-000020 zu Rechnung KM-2026-000007");
    }
}

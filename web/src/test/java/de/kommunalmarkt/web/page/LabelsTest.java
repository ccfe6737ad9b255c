package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LabelsTest {

    private final Labels labels = new Labels();

    @Test
    void germanWordsForCodesAndTheCodeWhenUnknown() {
        assertThat(labels.of("GRANTED")).isEqualTo("Erteilt");
        assertThat(labels.of("NEW_CODE")).isEqualTo("NEW_CODE");
        assertThat(labels.of(null)).isEmpty();
    }

    @Test
    void germanNumbersMoneyAndDates() {
        assertThat(labels.eur(new BigDecimal("1234.5"))).isEqualTo("1.234,50\u00a0€");
        assertThat(labels.eur(297.5)).isEqualTo("297,50\u00a0€");
        assertThat(labels.eur(null)).isEqualTo("–");
        assertThat(labels.num(1084831)).isEqualTo("1.084.831");
        assertThat(labels.percent(0.19)).isEqualTo("19 %");
        assertThat(labels.percent(0.925)).isEqualTo("92,5 %");
        assertThat(labels.date("2026-12-03")).isEqualTo("03.12.2026");
        assertThat(labels.date("2026-12-03T23:30:00Z")).isEqualTo("04.12.2026 00:30");
        assertThat(labels.date("kein Datum")).isEqualTo("kein Datum");
    }

    @Test
    void formAmountsInGermanOrPlainNotation() {
        assertThat(Forms.amount("1.234,50")).isEqualByComparingTo("1234.50");
        assertThat(Forms.amount("1234.50")).isEqualByComparingTo("1234.50");
        assertThat(Forms.amount("120.000")).isEqualByComparingTo("120000");
        assertThat(Forms.amount("1.500.000")).isEqualByComparingTo("1500000");
        assertThat(Forms.amount("250.00")).isEqualByComparingTo("250");
        assertThat(Forms.amount(" 250 € ")).isEqualByComparingTo("250");
        assertThat(Forms.amount("  ")).isNull();
        assertThatThrownBy(() -> Forms.amount("zwölf")).isInstanceOf(NumberFormatException.class);
    }
}

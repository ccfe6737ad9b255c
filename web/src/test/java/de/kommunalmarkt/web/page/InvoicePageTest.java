package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoicePageTest {

    @Test
    void keepsTheFileNameTheApiSuggests() {
        assertThat(InvoicePage.safeFileName("KM-2026-11-000042.xml")).isEqualTo("KM-2026-11-000042.xml");
    }

    @Test
    void addsTheXmlExtensionWhereItIsMissing() {
        assertThat(InvoicePage.safeFileName("rechnung-KM-1")).isEqualTo("rechnung-KM-1.xml");
    }

    @Test
    void replacesWhatCouldBreakTheHeaderOrAPath() {
        assertThat(InvoicePage.safeFileName("../a\"b;\r\nc.xml")).isEqualTo("a_b___c.xml");
    }

    @Test
    void noNameWhenNothingIsLeft() {
        assertThat(InvoicePage.safeFileName(null)).isNull();
        assertThat(InvoicePage.safeFileName("")).isNull();
        assertThat(InvoicePage.safeFileName(".xml")).isNull();
        assertThat(InvoicePage.safeFileName("  ")).isNull();
    }

    @Test
    void showsAPeriodAsGermanMonthAndYear() {
        InvoicePage.Periods periods = new InvoicePage.Periods();
        assertThat(periods.of("2026-11")).isEqualTo("November 2026");
        assertThat(periods.of("2026-03")).isEqualTo("März 2026");
        assertThat(periods.of(null)).isEqualTo("–");
        assertThat(periods.of("Q4")).isEqualTo("Q4");
    }
}

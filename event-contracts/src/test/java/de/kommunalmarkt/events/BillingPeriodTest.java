package de.kommunalmarkt.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    @Test
    void parsesYearAndMonth() {
        BillingPeriod period = BillingPeriod.parse("2026-11");
        assertThat(period).isEqualTo(BillingPeriod.of(2026, 11));
        assertThat(period.toString()).isEqualTo("2026-11");
    }

    @ParameterizedTest(name = "{0} has {1} days")
    @CsvSource({
        "2026-11, 30",
        "2026-12, 31",
        "2027-02, 28",
        "2028-02, 29",
        "2100-02, 28",
        "2000-02, 29"
    })
    void knowsTheDaysOfItsMonthIncludingLeapYears(String period, int days) {
        assertThat(BillingPeriod.parse(period).days()).isEqualTo(days);
    }

    @Test
    void knowsItsFirstAndLastDay() {
        BillingPeriod february = BillingPeriod.parse("2028-02");
        assertThat(february.firstDay()).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(february.lastDay()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void containsExactlyTheDaysOfItsMonth() {
        BillingPeriod november = BillingPeriod.parse("2026-11");
        assertThat(november.contains(LocalDate.of(2026, 11, 1))).isTrue();
        assertThat(november.contains(LocalDate.of(2026, 11, 30))).isTrue();
        assertThat(november.contains(LocalDate.of(2026, 10, 31))).isFalse();
        assertThat(november.contains(LocalDate.of(2026, 12, 1))).isFalse();
        assertThat(november.contains(LocalDate.of(2025, 11, 15))).isFalse();
    }

    @Test
    void ordersChronologically() {
        assertThat(BillingPeriod.parse("2026-12")).isGreaterThan(BillingPeriod.parse("2026-11"));
        assertThat(BillingPeriod.parse("2027-01")).isGreaterThan(BillingPeriod.parse("2026-12"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2026-1", "26-11", "2026/11", "2026-11-01", " 2026-11", "November 2026", "2026-1a"})
    void refusesAnythingButYyyyMmNamingTheFormat(String text) {
        assertThatThrownBy(() -> BillingPeriod.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYY-MM")
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-00", "2026-13"})
    void refusesMonthsOutside01To12(String text) {
        assertThatThrownBy(() -> BillingPeriod.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("month 01-12")
                .hasMessageContaining(text);
    }
}

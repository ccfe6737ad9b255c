package de.kommunalmarkt.web.page.chart;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChartFormatTest {

    private static final String NBSP = "\u00a0";

    @Test
    void euroValuesAreGermanWithTwoDecimals() {
        assertThat(ChartFormat.value(new BigDecimal("1234.5"), Unit.EURO)).isEqualTo("1.234,50" + NBSP + "€");
        assertThat(ChartFormat.value(new BigDecimal("-163200"), Unit.EURO)).isEqualTo("-163.200,00" + NBSP + "€");
        assertThat(ChartFormat.value(new BigDecimal("171.425"), Unit.EURO)).isEqualTo("171,43" + NBSP + "€");
        assertThat(ChartFormat.value(BigDecimal.ZERO, Unit.EURO)).isEqualTo("0,00" + NBSP + "€");
    }

    @Test
    void countsHaveGroupingAndNoNeedlessDecimals() {
        assertThat(ChartFormat.value(new BigDecimal("1084831"), Unit.COUNT)).isEqualTo("1.084.831");
        assertThat(ChartFormat.value(new BigDecimal("2.50"), Unit.COUNT)).isEqualTo("2,5");
    }

    @Test
    void aMissingValueIsADash() {
        assertThat(ChartFormat.value(null, Unit.EURO)).isEqualTo("–");
    }

    @Test
    void ticksHaveTheDecimalsOfTheirStep() {
        assertThat(ChartFormat.tick(120000, 20000, Unit.EURO)).isEqualTo("120.000" + NBSP + "€");
        assertThat(ChartFormat.tick(-50000, 50000, Unit.EURO)).isEqualTo("-50.000" + NBSP + "€");
        assertThat(ChartFormat.tick(0.5, 0.5, Unit.COUNT)).isEqualTo("0,5");
        assertThat(ChartFormat.tick(0.75, 0.25, Unit.COUNT)).isEqualTo("0,75");
        assertThat(ChartFormat.tick(7.5, 2.5, Unit.COUNT)).isEqualTo("7,5");
        assertThat(ChartFormat.tick(3, 1, Unit.COUNT)).isEqualTo("3");
        // euro ticks with a fraction show cents
        assertThat(ChartFormat.tick(0.2, 0.2, Unit.EURO)).isEqualTo("0,20" + NBSP + "€");
        assertThat(ChartFormat.tick(2.5, 2.5, Unit.EURO)).isEqualTo("2,50" + NBSP + "€");
    }

    @Test
    void zeroIsNeverNegative() {
        assertThat(ChartFormat.tick(-0.0, 1, Unit.COUNT)).isEqualTo("0");
        assertThat(ChartFormat.tick(-0.0001, 0.5, Unit.EURO)).isEqualTo("0,00" + NBSP + "€");
        assertThat(ChartFormat.coordinate(-0.04)).isEqualTo("0");
    }

    @Test
    void coordinatesUseADecimalPointAndATenth() {
        assertThat(ChartFormat.coordinate(12.345)).isEqualTo("12.3");
        assertThat(ChartFormat.coordinate(96.0)).isEqualTo("96");
        assertThat(ChartFormat.coordinate(-3.25)).isEqualTo("-3.2");
        assertThat(ChartFormat.coordinate(1234567.89)).isEqualTo("1234567.9");
    }

    @Test
    void longLabelsAreShortenedWithAnEllipsis() {
        assertThat(ChartFormat.shorten("Gießpaten – Stadtbäume gemeinsam gießen", 20)).isEqualTo("Gießpaten – Stadtbä…");
        assertThat(ChartFormat.shorten("Nov. 2026", 20)).isEqualTo("Nov. 2026");
        assertThat(ChartFormat.shorten(null, 5)).isEmpty();
    }
}

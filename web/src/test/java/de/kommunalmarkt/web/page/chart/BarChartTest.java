package de.kommunalmarkt.web.page.chart;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.web.page.chart.BarChart.Bar;
import de.kommunalmarkt.web.page.chart.BarChart.Item;
import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static double d(String coordinate) {
        return Double.parseDouble(coordinate);
    }

    private static Item item(String label, String value) {
        return new Item(label, value == null ? null : new BigDecimal(value));
    }

    private static BarChart vertical(List<Item> items) {
        return BarChart.vertical("chart-test", "Titel", "Beschreibung", "Monat", "Erlös", items, Unit.EURO);
    }

    private static Tick zeroTick(BarChart chart) {
        return chart.getTicks().stream().filter(Tick::zero).findFirst().orElseThrow();
    }

    @Test
    void barHeightsAreProportionalToTheValues() {
        BarChart chart = vertical(List.of(item("Okt.", "500"), item("Nov.", "1000")));

        Bar half = chart.getBars().get(0);
        Bar full = chart.getBars().get(1);
        assertThat(d(half.height()) * 2).isCloseTo(d(full.height()), org.assertj.core.data.Offset.offset(0.2));
        // both stand on the zero line
        double zeroY = d(zeroTick(chart).y1());
        assertThat(d(half.y()) + d(half.height())).isCloseTo(zeroY, org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(full.y()) + d(full.height())).isCloseTo(zeroY, org.assertj.core.data.Offset.offset(0.2));
        // the largest bar reaches the top of the scale (1000 is a nice maximum)
        assertThat(d(full.y())).isEqualTo(BarChart.TOP);
    }

    @Test
    void barsStayInsideTheDrawingAndDoNotOverlap() {
        List<Item> items = new ArrayList<>();
        for (int i = 1; i <= 36; i++) {
            items.add(item("M" + i, String.valueOf(i * 100)));
        }
        BarChart chart = vertical(items);

        double previousEnd = 0;
        for (Bar bar : chart.getBars()) {
            assertThat(d(bar.x())).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = d(bar.x()) + d(bar.width());
            assertThat(d(bar.y())).isGreaterThanOrEqualTo(0);
            assertThat(d(bar.y()) + d(bar.height())).isLessThanOrEqualTo(chart.getHeight());
        }
        assertThat(previousEnd).isLessThanOrEqualTo(BarChart.WIDTH);
        // 36 months: only every third is labelled, so the labels stay readable
        assertThat(chart.getLabels()).hasSize(12);
    }

    @Test
    void negativeValuesHangBelowTheZeroLine() {
        BarChart chart = vertical(List.of(item("A", "-200"), item("B", "400")));

        Bar negative = chart.getBars().get(0);
        Bar positive = chart.getBars().get(1);
        double zeroY = d(zeroTick(chart).y1());
        assertThat(negative.negative()).isTrue();
        assertThat(positive.negative()).isFalse();
        assertThat(d(negative.y())).isCloseTo(zeroY, org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(positive.y()) + d(positive.height())).isCloseTo(zeroY, org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(negative.height()) * 2).isCloseTo(d(positive.height()), org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void zeroValuesGiveFlatBarsOnAnAxisFromZeroToOne() {
        BarChart chart = vertical(List.of(item("Okt.", "0"), item("Nov.", "0.00")));

        assertThat(chart.getBars()).extracting(Bar::height).containsOnly("0");
        assertThat(chart.getScale().max()).isEqualTo(1.0);
        assertThat(chart.getBars()).extracting(Bar::valueText).containsOnly("0,00\u00a0€");
    }

    @Test
    void noDataIsAnEmptyChartWithAnAxis() {
        BarChart chart = vertical(List.of());

        assertThat(chart.isEmpty()).isTrue();
        assertThat(chart.getBars()).isEmpty();
        assertThat(chart.getTicks()).isNotEmpty();
    }

    @Test
    void aMissingValueIsDrawnAsZeroAndShownAsADash() {
        BarChart chart = vertical(List.of(item("Okt.", null), item("Nov.", "10")));

        assertThat(chart.getBars().get(0).height()).isEqualTo("0");
        assertThat(chart.getBars().get(0).valueText()).isEqualTo("–");
    }

    @Test
    void tooltipsAndTicksAreGerman() {
        BarChart chart = vertical(List.of(item("Nov. 2026", "1234.5")));

        assertThat(chart.getBars().get(0).title()).isEqualTo("Nov. 2026: 1.234,50\u00a0€");
        assertThat(chart.getTicks()).extracting(Tick::label).contains("0\u00a0€", "1.000\u00a0€");
    }

    @Test
    void horizontalBarsGrowToTheRightFromTheZeroLine() {
        BarChart chart = BarChart.horizontal("chart-h", "T", "D", "Lösung", "Erlös",
                List.of(item("Gießpaten – Stadtbäume gemeinsam gießen, eine sehr lange Bezeichnung", "300"),
                        item("Parksensorik", "600"), item("Rückzahlung", "-150")), Unit.EURO);

        assertThat(chart.isHorizontal()).isTrue();
        double zeroX = d(zeroTick(chart).x1());
        Bar first = chart.getBars().get(0);
        Bar second = chart.getBars().get(1);
        Bar third = chart.getBars().get(2);
        assertThat(d(first.x())).isCloseTo(zeroX, org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(first.width()) * 2).isCloseTo(d(second.width()), org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(third.x()) + d(third.width())).isCloseTo(zeroX, org.assertj.core.data.Offset.offset(0.2));
        assertThat(d(second.y())).isGreaterThan(d(first.y()));
        assertThat(d(second.x()) + d(second.width())).isLessThanOrEqualTo(BarChart.WIDTH);
        // one row per item: the drawing grows with the items
        assertThat(chart.getHeight()).isGreaterThanOrEqualTo((int) (3 * BarChart.ROW));
        // long names are shortened on the axis and kept whole in the tooltip and table
        assertThat(chart.getLabels().get(0).text()).endsWith("…").hasSizeLessThanOrEqualTo(BarChart.MAX_LABEL_CHARS);
        assertThat(chart.getLabels().get(0).full()).startsWith("Gießpaten").endsWith("Bezeichnung");
        assertThat(first.label()).endsWith("Bezeichnung");
    }
}

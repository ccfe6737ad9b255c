package de.kommunalmarkt.web.page.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import de.kommunalmarkt.web.page.chart.LineChart.Series;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartTest {

    private static List<BigDecimal> values(String... v) {
        return Arrays.stream(v).map(s -> s == null ? null : new BigDecimal(s)).toList();
    }

    @Test
    void aCumulativeCurveCrossesTheZeroLineWhereItBreaksEven() {
        LineChart chart = LineChart.of("chart-be", "Kumuliert", "Beschreibung", "Monat", List.of("1", "2", "3"),
                List.of(new Series("heute", "now", values("-1000", "0", "1000"))), Unit.EURO);

        LineChart.Line line = chart.getLines().get(0);
        assertThat(line.points().split(" ")).hasSize(3);
        double zeroY = Double.parseDouble(chart.getTicks().stream().filter(Tick::zero).findFirst().orElseThrow().y1());
        String[] middle = line.points().split(" ")[1].split(",");
        assertThat(Double.parseDouble(middle[1])).isCloseTo(zeroY, offset(0.2));
        // first and last point at the left and right edge of the plot
        assertThat(Double.parseDouble(line.points().split(" ")[0].split(",")[0])).isEqualTo(LineChart.LEFT);
        assertThat(Double.parseDouble(line.points().split(" ")[2].split(",")[0]))
                .isEqualTo(LineChart.WIDTH - LineChart.RIGHT);
        assertThat(line.markers().get(2).title()).isEqualTo("heute, 3: 1.000,00\u00a0€");
    }

    @Test
    void seriesDifferByMarkerShapeAndTheTableHasOneColumnEach() {
        LineChart chart = LineChart.of("c", "T", "D", "Monat", List.of("1", "2"),
                List.of(new Series("heute", "now", values("1", "2")), new Series("mit Pipeline", "pipeline", values("3", "4"))),
                Unit.EURO);

        assertThat(chart.getLines()).extracting(LineChart.Line::square).containsExactly(false, true);
        assertThat(chart.getSeriesNames()).containsExactly("heute", "mit Pipeline");
        assertThat(chart.getRows().get(1).values()).containsExactly("2,00\u00a0€", "4,00\u00a0€");
    }

    @Test
    void missingValuesAreLeftOutOfTheLineAndShownAsADash() {
        LineChart chart = LineChart.of("c", "T", "D", "Monat", List.of("1", "2", "3"),
                List.of(new Series("s", "now", values("5", null, "7"))), Unit.COUNT);

        assertThat(chart.getLines().get(0).points().split(" ")).hasSize(2);
        assertThat(chart.getRows().get(1).values()).containsExactly("–");
    }

    @Test
    void thirtySixMonthsGetTwelveLabelsEndingWithTheLast() {
        List<String> months = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int m = 1; m <= 36; m++) {
            months.add(String.valueOf(m));
            values.add(BigDecimal.valueOf(-120000 + m * 5000L));
        }
        LineChart chart = LineChart.of("c", "T", "D", "Monat", months, List.of(new Series("s", "now", values)), Unit.EURO);

        assertThat(chart.getLabels()).hasSize(12);
        assertThat(chart.getLabels().get(11).text()).isEqualTo("36");
        assertThat(chart.getLines().get(0).markers()).hasSize(36);
    }

    @Test
    void noCategoriesIsAnEmptyChart() {
        LineChart chart = LineChart.of("c", "T", "D", "Monat", List.of(), List.of(), Unit.EURO);

        assertThat(chart.isEmpty()).isTrue();
        assertThat(chart.getLines()).isEmpty();
        assertThat(chart.getScale().max()).isEqualTo(1.0);
    }
}

package de.kommunalmarkt.web.page.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    private static List<BigDecimal> values(String... v) {
        return Arrays.stream(v).map(s -> s == null ? null : new BigDecimal(s)).toList();
    }

    @Test
    void positiveValuesStartAtZeroAndEndOnANiceNumber() {
        Scale scale = Scale.covering(values("1200", "600", "171.42"), 6);

        assertThat(scale.min()).isZero();
        assertThat(scale.max()).isEqualTo(1250.0);
        assertThat(scale.step()).isEqualTo(250.0);
        assertThat(scale.ticks()).containsExactly(0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0);
    }

    @Test
    void negativeValuesEndAtZero() {
        Scale scale = Scale.covering(values("-163200", "-121200"), 7);

        assertThat(scale.max()).isZero();
        assertThat(scale.min()).isLessThanOrEqualTo(-163200);
        assertThat(scale.ticks()).first().isEqualTo(scale.min());
        assertThat(scale.ticks()).last().isEqualTo(0.0);
        assertThat(scale.ticks()).contains(0.0);
    }

    @Test
    void valuesOnBothSidesOfZeroGetATickAtZero() {
        Scale scale = Scale.covering(values("-120000", "35000", "90000"), 7);

        assertThat(scale.min()).isLessThanOrEqualTo(-120000);
        assertThat(scale.max()).isGreaterThanOrEqualTo(90000);
        assertThat(scale.ticks()).contains(0.0);
        assertThat(scale.ticks().size()).isBetween(3, 8);
    }

    @Test
    void allZeroOrNoDataGiveTheRangeZeroToOne() {
        for (Scale scale : List.of(Scale.covering(values("0", "0.00"), 6), Scale.covering(List.of(), 6),
                Scale.covering(values((String) null), 6))) {
            assertThat(scale.min()).isZero();
            assertThat(scale.max()).isEqualTo(1.0);
            assertThat(scale.ticks()).first().isEqualTo(0.0);
            assertThat(scale.ticks()).last().isEqualTo(1.0);
        }
    }

    @Test
    void smallStepsHaveNoFloatingPointNoise() {
        Scale scale = Scale.of(0, 0.7, 8);

        assertThat(scale.step()).isEqualTo(0.1);
        assertThat(scale.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    }

    @Test
    void niceNumbersAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(Scale.nice(0.8)).isEqualTo(1.0);
        assertThat(Scale.nice(13)).isEqualTo(20.0);
        assertThat(Scale.nice(240)).isEqualTo(250.0);
        assertThat(Scale.nice(32640)).isEqualTo(50000.0);
        assertThat(Scale.nice(7000)).isEqualTo(10000.0);
        assertThat(Scale.nice(1000)).isEqualTo(1000.0);
    }

    @Test
    void fractionPlacesValuesBetweenMinAndMax() {
        Scale scale = new Scale(-100, 300, 100);

        assertThat(scale.fraction(-100)).isZero();
        assertThat(scale.fraction(0)).isEqualTo(0.25);
        assertThat(scale.fraction(300)).isEqualTo(1.0);
    }

    @Test
    void neverMoreTicksThanAskedForPlusOne() {
        for (double max : new double[] {1, 7, 9.99, 11, 99, 101, 999, 1001, 123456, 9_999_999}) {
            for (int ticks = 3; ticks <= 8; ticks++) {
                Scale scale = Scale.of(-max / 3, max, ticks);
                assertThat(scale.ticks().size()).as("max %s, ticks %s", max, ticks).isLessThanOrEqualTo(ticks + 1);
                assertThat(scale.min()).isLessThanOrEqualTo(-max / 3);
                assertThat(scale.max()).isGreaterThanOrEqualTo(max);
            }
        }
    }
}

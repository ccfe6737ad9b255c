package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.billing.pricing.PriceTerms.CostSharing;
import de.kommunalmarkt.billing.pricing.PriceTerms.Flat;
import de.kommunalmarkt.billing.pricing.PriceTerms.Free;
import de.kommunalmarkt.billing.pricing.PriceTerms.PerInhabitant;
import de.kommunalmarkt.billing.pricing.PriceTerms.Tiered;
import de.kommunalmarkt.billing.pricing.PriceTerms.Tiered.Tier;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTermsTest {

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Nested
    class FreeModel {

        @Test
        void costsNothingWhateverTheSize() {
            assertThat(new Free().fullMonthAmount(1_080_000)).isZero();
            assertThat(new Free().model()).isEqualTo(PriceModel.FREE);
        }
    }

    @Nested
    class FlatModel {

        @Test
        void isTheMonthlyFeeWhateverTheSize() {
            Flat flat = new Flat(eur("300.00"));
            assertThat(flat.fullMonthAmount(1_000)).isEqualByComparingTo("300.00");
            assertThat(flat.fullMonthAmount(1_080_000)).isEqualByComparingTo("300.00");
            assertThat(flat.model()).isEqualTo(PriceModel.FLAT);
        }

        @Test
        void refusesNegativeAndSubCentFees() {
            assertThatThrownBy(() -> new Flat(eur("-1.00"))).hasMessageContaining("must not be negative");
            assertThatThrownBy(() -> new Flat(eur("1.005"))).hasMessageContaining("whole cents");
        }

        @Test
        void acceptsTrailingZerosBeyondTheCent() {
            assertThat(new Flat(eur("300.000")).monthlyFee()).isEqualTo(eur("300.00"));
        }
    }

    @Nested
    class PerInhabitantModel {

        private final PerInhabitant ulmPlan = new PerInhabitant(eur("12.50"), eur("50.00"), eur("2000.00"));

        @Test
        void isRateTimesThousandsOfInhabitantsWithinTheBounds() {
            assertThat(ulmPlan.fullMonthAmount(128_000)).isEqualByComparingTo("1600.00");
            assertThat(ulmPlan.model()).isEqualTo(PriceModel.PER_INHABITANT);
        }

        @Test
        void clampsASmallMunicipalityUpToTheMinimum() {
            assertThat(ulmPlan.fullMonthAmount(3_000)).isEqualByComparingTo("50.00");
        }

        @Test
        void clampsALargeMunicipalityDownToTheMaximum() {
            assertThat(ulmPlan.fullMonthAmount(1_080_000)).isEqualByComparingTo("2000.00");
        }

        @Test
        void reachesTheBoundsExactlyAtTheirThresholds() {
            assertThat(ulmPlan.fullMonthAmount(4_000)).isEqualByComparingTo("50.00");
            assertThat(ulmPlan.fullMonthAmount(160_000)).isEqualByComparingTo("2000.00");
        }

        @Test
        void isUnboundedWithoutMinAndMax() {
            PerInhabitant open = new PerInhabitant(eur("12.50"), null, null);
            assertThat(open.fullMonthAmount(3_000)).isEqualByComparingTo("37.50");
            assertThat(open.fullMonthAmount(1_080_000)).isEqualByComparingTo("13500.00");
        }

        @Test
        void clampsOnlyOnTheSideThatHasABound() {
            assertThat(new PerInhabitant(eur("12.50"), eur("50.00"), null).fullMonthAmount(1_080_000))
                    .isEqualByComparingTo("13500.00");
            assertThat(new PerInhabitant(eur("12.50"), null, eur("2000.00")).fullMonthAmount(3_000))
                    .isEqualByComparingTo("37.50");
        }

        @Test
        void keepsTheFullMonthAmountExactForTheLineToRound() {
            assertThat(new PerInhabitant(eur("12.50"), null, null).fullMonthAmount(1_234))
                    .isEqualByComparingTo("15.425");
        }

        @Test
        void refusesAMinimumAboveTheMaximum() {
            assertThatThrownBy(() -> new PerInhabitant(eur("1"), eur("100.00"), eur("99.99")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minMonthly");
        }

        @Test
        void refusesANegativeRate() {
            assertThatThrownBy(() -> new PerInhabitant(eur("-0.01"), null, null))
                    .hasMessageContaining("ratePer1000 must not be negative");
        }
    }

    @Nested
    class TieredModel {

        private final Tiered tiered = new Tiered(List.of(
                new Tier(10_000L, eur("100.00")),
                new Tier(100_000L, eur("500.00")),
                new Tier(null, eur("2000.00"))));

        @ParameterizedTest(name = "{0} inhabitants pay {1}")
        @CsvSource({
            "1, 100.00",
            "9999, 100.00",
            "10000, 500.00",
            "10001, 500.00",
            "99999, 500.00",
            "100000, 2000.00",
            "3700000, 2000.00"
        })
        void takesTheFirstTierWithInhabitantsBelowUpTo(long inhabitants, String fee) {
            assertThat(tiered.fullMonthAmount(inhabitants)).isEqualByComparingTo(fee);
        }

        @Test
        void inhabitantsExactlyAtUpToBelongToTheNextTier() {
            assertThat(tiered.fullMonthAmount(10_000)).isEqualByComparingTo("500.00");
        }

        @Test
        void aSingleOpenTierIsAFlatFee() {
            assertThat(new Tiered(List.of(new Tier(null, eur("42.00")))).fullMonthAmount(5))
                    .isEqualByComparingTo("42.00");
            assertThat(tiered.model()).isEqualTo(PriceModel.TIERED);
        }

        @Test
        void refusesTiersThatDoNotAscend() {
            assertThatThrownBy(() -> new Tiered(List.of(
                    new Tier(10_000L, eur("1.00")), new Tier(10_000L, eur("2.00")), new Tier(null, eur("3.00")))))
                    .hasMessageContaining("ascend");
        }

        @Test
        void refusesAClosedLastTier() {
            assertThatThrownBy(() -> new Tiered(List.of(new Tier(10_000L, eur("1.00")))))
                    .hasMessageContaining("last tier must be open");
        }

        @Test
        void refusesAnOpenTierBeforeTheLast() {
            assertThatThrownBy(() -> new Tiered(List.of(new Tier(null, eur("1.00")), new Tier(null, eur("2.00")))))
                    .hasMessageContaining("only the last tier may be open");
        }

        @Test
        void refusesNoTiersAndNonPositiveBounds() {
            assertThatThrownBy(() -> new Tiered(List.of())).hasMessageContaining("at least one tier");
            assertThatThrownBy(() -> new Tier(0L, eur("1.00"))).hasMessageContaining("positive");
        }
    }

    @Nested
    class CostSharingModel {

        @Test
        void knowsItsKeysAndTheirInhabitantWeights() {
            assertThat(CostSharing.byInhabitants(eur("10000.00")).effectiveInhabitantWeight()).isEqualByComparingTo("1");
            assertThat(CostSharing.equally(eur("10000.00")).effectiveInhabitantWeight()).isEqualByComparingTo("0");
            assertThat(CostSharing.mixed(eur("10000.00"), eur("0.7")).effectiveInhabitantWeight())
                    .isEqualByComparingTo("0.7");
            assertThat(CostSharing.equally(eur("1.00")).model()).isEqualTo(PriceModel.COST_SHARING);
        }

        @Test
        void mixedNeedsAWeightWithinZeroAndOne() {
            assertThatThrownBy(() -> CostSharing.mixed(eur("1.00"), null)).hasMessageContaining("inhabitantWeight");
            assertThatThrownBy(() -> CostSharing.mixed(eur("1.00"), eur("1.01"))).hasMessageContaining("[0, 1]");
            assertThatThrownBy(() -> CostSharing.mixed(eur("1.00"), eur("-0.1"))).hasMessageContaining("[0, 1]");
            assertThat(CostSharing.mixed(eur("1.00"), BigDecimal.ZERO).inhabitantWeight()).isZero();
            assertThat(CostSharing.mixed(eur("1.00"), BigDecimal.ONE).inhabitantWeight()).isEqualTo(BigDecimal.ONE);
        }

        @Test
        void onlyMixedTakesAWeight() {
            assertThatThrownBy(() -> new CostSharing(eur("1.00"), CostSharingKey.EQUAL, eur("0.5")))
                    .hasMessageContaining("MIXED key only");
        }

        @Test
        void refusesANegativePool() {
            assertThatThrownBy(() -> CostSharing.equally(eur("-5.00"))).hasMessageContaining("monthlyPool");
        }
    }
}

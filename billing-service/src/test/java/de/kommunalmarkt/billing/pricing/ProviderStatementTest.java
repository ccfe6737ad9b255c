package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.billing.pricing.ProviderStatement.Revenue;
import de.kommunalmarkt.billing.pricing.ProviderStatement.SolutionRevenue;
import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderStatementTest {

    private static final BillingPeriod NOVEMBER_2026 = BillingPeriod.parse("2026-11");
    private static final String PROVIDER = "05315000";

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void sumsNetRevenuePerSolutionAndAdopter() {
        ProviderStatement statement = ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(
                new Revenue("ratsinfo", "09461000", eur("650.00")),
                new Revenue("ratsinfo", "08421000", eur("1600.00")),
                new Revenue("sensorik", "08421000", eur("995.33")),
                new Revenue("ratsinfo", "09461000", eur("500.00"))), new BigDecimal("0.05"));

        assertThat(statement.revenues()).containsExactly(
                new SolutionRevenue("ratsinfo", "08421000", eur("1600.00")),
                new SolutionRevenue("ratsinfo", "09461000", eur("1150.00")),
                new SolutionRevenue("sensorik", "08421000", eur("995.33")));
        assertThat(statement.total()).isEqualTo(eur("3745.33"));
    }

    @Test
    void theFeeIsTheRateOfTheTotalRoundedHalfUpAndThePayoutTheRest() {
        // 3745.33 × 0.05 = 187.2665 → 187.27
        ProviderStatement statement = ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(
                new Revenue("ratsinfo", "08421000", eur("1600.00")),
                new Revenue("ratsinfo", "09461000", eur("1150.00")),
                new Revenue("sensorik", "08421000", eur("995.33"))), new BigDecimal("0.05"));

        assertThat(statement.platformFee()).isEqualTo(eur("187.27"));
        assertThat(statement.payout()).isEqualTo(eur("3558.06"));
    }

    @Test
    void theFeeIsRoundedOnTheTotalNotPerAdopter() {
        // per adopter 0.05 × 0.05 = 0.0025 → 0.00 twice; on the total 0.10 × 0.05 = 0.005 → 0.01
        ProviderStatement statement = ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(
                new Revenue("ratsinfo", "08421000", eur("0.05")),
                new Revenue("ratsinfo", "09461000", eur("0.05"))), new BigDecimal("0.05"));

        assertThat(statement.platformFee()).isEqualTo(eur("0.01"));
        assertThat(statement.payout()).isEqualTo(eur("0.09"));
    }

    @Test
    void aZeroRateKeepsNoFee() {
        ProviderStatement statement = ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(
                new Revenue("ratsinfo", "08421000", eur("100.00"))), BigDecimal.ZERO);
        assertThat(statement.platformFee()).isEqualTo(eur("0.00"));
        assertThat(statement.payout()).isEqualTo(eur("100.00"));
    }

    @Test
    void aPeriodWithoutRevenueIsAllZero() {
        ProviderStatement statement = ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(),
                new BigDecimal("0.05"));
        assertThat(statement.revenues()).isEmpty();
        assertThat(statement.total()).isEqualTo(eur("0.00"));
        assertThat(statement.platformFee()).isEqualTo(eur("0.00"));
        assertThat(statement.payout()).isEqualTo(eur("0.00"));
    }

    @Test
    void refusesAFeeRateOutsideZeroToOne() {
        assertThatThrownBy(() -> ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(), new BigDecimal("1.01")))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> ProviderStatement.calculate(PROVIDER, NOVEMBER_2026, List.of(), new BigDecimal("-0.01")))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void refusesAProviderWithoutAValidAgs() {
        assertThatThrownBy(() -> ProviderStatement.calculate("KOELN", NOVEMBER_2026, List.of(), BigDecimal.ZERO))
                .hasMessageContaining("8-digit AGS");
    }
}

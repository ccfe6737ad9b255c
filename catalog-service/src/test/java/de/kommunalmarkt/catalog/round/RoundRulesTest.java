package de.kommunalmarkt.catalog.round;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.common.problem.Problem.Violation;
import de.kommunalmarkt.events.RoundOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of {@link RoundRules}, each on its own. */
class RoundRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    private static RoundRequest opening(List<RoundRequest.PurposeRequest> purposes, String target, LocalDate closesOn, Integer min,
            String category, String rate, String reason) {
        return new RoundRequest(purposes, target == null ? null : new BigDecimal(target), closesOn, min, category,
                rate == null ? null : new BigDecimal(rate), reason);
    }

    private static RoundRequest.PurposeRequest purpose(String text, String amount) {
        return new RoundRequest.PurposeRequest(text, amount == null ? null : new BigDecimal(amount));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aValidOpeningBreaksNoRule() {
        assertThat(RoundRules.opening(opening(List.of(purpose("Team", "600.50"), purpose("Cloud", "399.50")), "1000", TODAY.plusDays(1), 1,
                "S", "0.19", null), TODAY)).isEmpty();
        assertThat(RoundRules.opening(opening(List.of(purpose("Team", "1000")), "1000.00", TODAY.plusYears(2), 5,
                "O", "0", "Nicht steuerbar"), TODAY)).isEmpty();
    }

    @Test
    void eachBrokenOpeningRuleNamesItsField() {
        List<RoundRequest.PurposeRequest> one = List.of(purpose("Team", "1000.00"));
        assertThat(fields(RoundRules.opening(opening(one, "999.99", TODAY.plusDays(1), 1, "S", "0.19", null), TODAY)))
                .containsExactly("target");
        assertThat(fields(RoundRules.opening(opening(List.of(), "1000", TODAY.plusDays(1), 1, "S", "0.19", null), TODAY)))
                .containsExactly("purposes");
        assertThat(fields(RoundRules.opening(opening(null, null, null, null, null, null, null), TODAY)))
                .containsExactly("purposes", "target", "closesOn", "minParticipants", "vatCategory");
        assertThat(fields(RoundRules.opening(opening(List.of(purpose("", "-1"), purpose("x".repeat(201), "1.001"), purpose("T", null)),
                "1000", TODAY.plusDays(1), 1, "S", "0.19", null), TODAY)))
                .containsExactly("purposes[0].purpose", "purposes[0].amount", "purposes[1].purpose", "purposes[1].amount",
                        "purposes[2].amount");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY, 1, "S", "0.19", null), TODAY))).containsExactly("closesOn");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusYears(2).plusDays(1), 1, "S", "0.19", null), TODAY)))
                .containsExactly("closesOn");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusDays(1), 0, "S", "0.19", null), TODAY)))
                .containsExactly("minParticipants");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusDays(1), 1, "S", "0", null), TODAY)))
                .containsExactly("vatRate");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusDays(1), 1, "E", "0", null), TODAY)))
                .containsExactly("vatExemptionReason");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusDays(1), 1, "Z", "0", "kein Grund"), TODAY)))
                .containsExactly("vatExemptionReason");
        assertThat(fields(RoundRules.opening(opening(one, "1000", TODAY.plusDays(1), 1, "S", "0.19001", null), TODAY)))
                .containsExactly("vatRate");
        assertThat(fields(RoundRules.opening(opening(List.of(purpose("Team", "100000000.01")), "100000000.01", TODAY.plusDays(1), 1,
                "S", "0.19", null), TODAY))).containsExactly("purposes[0].amount", "target");
    }

    @Test
    void aPledgeGivesMoneyOrCommitsAndACommitmentNamesPlanAndOperator() {
        UUID plan = UUID.randomUUID();
        assertThat(RoundRules.pledge(new PledgeRequest(new BigDecimal("10.50"), null, null))).isEmpty();
        assertThat(RoundRules.pledge(new PledgeRequest(null, plan, "komm-one"))).isEmpty();
        assertThat(RoundRules.pledge(new PledgeRequest(BigDecimal.ZERO, plan, "komm-one"))).isEmpty();
        assertThat(fields(RoundRules.pledge(new PledgeRequest(null, null, null)))).containsExactly("contribution");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("0.00"), null, null)))).containsExactly("contribution");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("-1"), plan, "komm-one")))).containsExactly("contribution");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("1.001"), null, null)))).containsExactly("contribution");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("100000000.01"), null, null)))).containsExactly("contribution");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("5"), plan, null)))).containsExactly("commitOperatorId");
        assertThat(fields(RoundRules.pledge(new PledgeRequest(new BigDecimal("5"), null, "komm-one")))).containsExactly("commitPlanId");
    }

    @Test
    void aRoundSucceedsOnlyWithTheTargetAndTheParticipants() {
        ScalingRound round = new ScalingRound();
        round.target = new BigDecimal("1000.00");
        round.minParticipants = 2;
        assertThat(RoundRules.outcome(round, new Tally(new BigDecimal("1000.00"), 2))).isEqualTo(RoundOutcome.SUCCEEDED);
        assertThat(RoundRules.outcome(round, new Tally(new BigDecimal("1500.00"), 3))).isEqualTo(RoundOutcome.SUCCEEDED);
        assertThat(RoundRules.outcome(round, new Tally(new BigDecimal("999.99"), 5))).isEqualTo(RoundOutcome.FAILED);
        assertThat(RoundRules.outcome(round, new Tally(new BigDecimal("5000.00"), 1))).isEqualTo(RoundOutcome.FAILED);
        assertThat(RoundRules.outcome(round, Tally.NONE)).isEqualTo(RoundOutcome.FAILED);
        assertThat(RoundRules.shortfall(round, new Tally(new BigDecimal("400.00"), 1)))
                .isEqualTo("contributions 400.00 of the target 1000.00 EUR (600.00 missing) and 1 of at least 2 participating municipalities");
        assertThat(RoundRules.shortfall(round, new Tally(new BigDecimal("1000.00"), 2))).isEmpty();
    }
}

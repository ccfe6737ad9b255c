package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.catalog.solution.RoundSummary;
import de.kommunalmarkt.events.PledgeMade;
import de.kommunalmarkt.events.PledgeWithdrawn;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.RoundPledge;
import de.kommunalmarkt.events.RoundPurpose;
import de.kommunalmarkt.events.ScalingRoundClosed;
import de.kommunalmarkt.events.ScalingRoundOpened;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Between the round entities, the REST records, the solution view's summary and the round events. */
final class RoundMapper {

    static final String CURRENCY = "EUR";

    static void apply(RoundRequest request, ScalingRound target) {
        target.purposes.clear();
        request.purposes().forEach(p -> target.purposes.add(new Purpose(p.purpose().strip(), money(p.amount()))));
        target.target = money(request.target());
        target.closesOn = request.closesOn();
        target.minParticipants = request.minParticipants();
        target.vatCategory = request.vatCategory();
        target.vatRate = request.vatRate();
        target.vatExemptionReason = request.vatExemptionReason() == null ? null : request.vatExemptionReason().strip();
        target.currency = CURRENCY;
    }

    static void apply(PledgeRequest request, Pledge target) {
        target.contribution = money(request.contribution() == null ? BigDecimal.ZERO : request.contribution());
        target.commitPlanId = request.commitPlanId();
        target.commitOperatorId = request.commitOperatorId();
    }

    /**
     * The round for a viewer: {@code mine} is the viewer's municipality's pledge (if any), {@code all}
     * every pledge with the pledging municipalities' names (only for those who may see them, else null).
     */
    static RoundView view(ScalingRound r, String solutionName, Tally tally, LocalDate today, Pledge mine, List<Pledge> all,
            Map<String, String> municipalityNames) {
        return new RoundView(r.id, r.solutionId, solutionName, r.providerAgs, r.state,
                r.purposes.stream().map(p -> new RoundView.PurposeView(p.purpose, money(p.amount))).toList(),
                money(r.target), tally.pledgedTotal(), tally.participants(), r.minParticipants, r.closesOn, daysLeft(r, today),
                r.vatCategory, plain(r.vatRate), r.vatExemptionReason, r.openedAt, r.closedAt, r.closedEarly,
                mine == null ? null : new RoundView.MyPledge(money(mine.contribution), mine.commitPlanId, mine.commitOperatorId,
                        mine.pledgedAt),
                all == null ? null : all.stream().map(p -> new RoundView.PledgeView(p.municipalityAgs,
                        municipalityNames.get(p.municipalityAgs), money(p.contribution), p.commitPlanId, p.commitOperatorId,
                        p.pledgedAt)).toList());
    }

    static RoundSummary summary(ScalingRound r, Tally tally, LocalDate today) {
        return new RoundSummary(r.id, r.state.name(), money(r.target), tally.pledgedTotal(), tally.participants(),
                r.minParticipants, r.closesOn, daysLeft(r, today));
    }

    /** Whole days after today up to the closing date: 0 on the last day, once the date has passed and once closed. */
    static int daysLeft(ScalingRound r, LocalDate today) {
        return r.state == RoundState.OPEN ? (int) Math.max(0, ChronoUnit.DAYS.between(today, r.closesOn)) : 0;
    }

    static ScalingRoundOpened opened(ScalingRound r, String solutionName) {
        return new ScalingRoundOpened(r.id.toString(), r.solutionId.toString(), solutionName, r.providerAgs,
                r.purposes.stream().map(p -> new RoundPurpose(p.purpose, p.amount)).toList(), r.target, r.currency,
                r.closesOn, r.minParticipants, plain(r.vatRate), r.vatCategory, r.vatExemptionReason, r.openedAt);
    }

    static PledgeMade made(ScalingRound r, Pledge p) {
        return new PledgeMade(r.id.toString(), r.solutionId.toString(), p.municipalityAgs, p.contribution,
                text(p.commitPlanId), p.commitOperatorId, p.pledgedAt);
    }

    static PledgeWithdrawn withdrawn(ScalingRound r, String municipalityAgs, Instant at) {
        return new PledgeWithdrawn(r.id.toString(), r.solutionId.toString(), municipalityAgs, at);
    }

    /** The close: for SUCCEEDED every standing pledge, for FAILED none (the pledges are released). */
    static ScalingRoundClosed closed(ScalingRound r, String solutionName, RoundOutcome outcome, Tally tally, List<Pledge> standing) {
        List<RoundPledge> pledges = outcome == RoundOutcome.SUCCEEDED
                ? standing.stream().map(p -> new RoundPledge(p.municipalityAgs, p.contribution, text(p.commitPlanId),
                        p.commitOperatorId, p.pledgedAt)).toList()
                : List.of();
        return new ScalingRoundClosed(r.id.toString(), r.solutionId.toString(), solutionName, r.providerAgs, outcome,
                r.closedEarly, r.target, tally.pledgedTotal(), tally.participants(), r.minParticipants, r.currency,
                plain(r.vatRate), r.vatCategory, r.vatExemptionReason, pledges, r.closedAt);
    }

    /** Euro and cent: every amount the catalog shows or sends has 2 decimals (validated before, never rounded). */
    static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A rate without the column's padding zeros: 0.19, not 0.1900. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private RoundMapper() {
    }
}

package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.catalog.solution.PlanRules;
import de.kommunalmarkt.common.problem.Problem.Violation;
import de.kommunalmarkt.events.RoundOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of scaling rounds, each in one place: what an opening request and a pledge must satisfy
 * (as lists of violations naming the JSON field; the service answers them with 422), and the outcome
 * of a round, which the provider's early close and the scheduled close both apply.
 */
public final class RoundRules {

    public static final int MAX_PURPOSES = 20;
    public static final int MAX_PURPOSE_LENGTH = 200;
    /** Far above any municipal round; catches a misplaced decimal point. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");
    /** The latest closing date, in years after today: a round is a campaign, not a standing offer. */
    public static final int MAX_YEARS_AHEAD = 2;

    /**
     * An opening request: 1–{@value #MAX_PURPOSES} purposes, each a text of at most
     * {@value #MAX_PURPOSE_LENGTH} characters with an amount above 0 (euro and cent, at most
     * {@link #MAX_AMOUNT}) and the amounts summing exactly to {@code target}; {@code closesOn} after
     * {@code today} and at most {@value #MAX_YEARS_AHEAD} years ahead; {@code minParticipants} ≥ 1; the
     * VAT of the contributions by the one rule of plans ({@link PlanRules#vat}).
     */
    public static List<Violation> opening(RoundRequest request, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        boolean amountsValid = purposes(request.purposes(), violations);
        boolean targetValid = amount("target", request.target(), violations);
        if (amountsValid && targetValid && request.target() != null) {
            BigDecimal sum = request.purposes().stream().map(RoundRequest.PurposeRequest::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(request.target()) != 0) {
                violations.add(new Violation("target", "must equal the sum of the purposes' amounts ("
                        + RoundMapper.money(sum).toPlainString() + "), is " + RoundMapper.money(request.target()).toPlainString()));
            }
        }
        if (request.closesOn() == null) {
            violations.add(new Violation("closesOn", "is required: the last day pledges are taken (YYYY-MM-DD)"));
        } else if (!request.closesOn().isAfter(today)) {
            violations.add(new Violation("closesOn", "must be after today (" + today + ")"));
        } else if (request.closesOn().isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            violations.add(new Violation("closesOn", "must be at most " + MAX_YEARS_AHEAD + " years ahead (" + today.plusYears(MAX_YEARS_AHEAD) + ")"));
        }
        if (request.minParticipants() == null) {
            violations.add(new Violation("minParticipants", "is required: how many municipalities must pledge at least"));
        } else if (request.minParticipants() < 1) {
            violations.add(new Violation("minParticipants", "must be at least 1"));
        }
        violations.addAll(PlanRules.vat(request.vatCategory(), request.vatRate(), request.vatExemptionReason()));
        return violations;
    }

    /**
     * A pledge's own fields: {@code contribution} ≥ 0 (euro and cent, at most {@link #MAX_AMOUNT}; omitted
     * means 0), above 0 unless the pledge commits to a licence; {@code commitPlanId} and
     * {@code commitOperatorId} both or neither. Whether the plan and the operator fit the round's solution
     * is the service's check.
     */
    public static List<Violation> pledge(PledgeRequest request) {
        List<Violation> violations = new ArrayList<>();
        BigDecimal contribution = request.contribution();
        if (contribution != null) {
            if (contribution.signum() < 0) {
                violations.add(new Violation("contribution", "must not be negative"));
            } else if (PlanRules.decimals(contribution) > 2) {
                violations.add(new Violation("contribution", "must have at most 2 decimals (euro and cent)"));
            } else if (contribution.compareTo(MAX_AMOUNT) > 0) {
                violations.add(new Violation("contribution", "must be at most " + MAX_AMOUNT.toPlainString()));
            }
        }
        if (!request.commits() && (contribution == null || contribution.signum() == 0)) {
            violations.add(new Violation("contribution", "must be above 0 unless the pledge commits to a licence "
                    + "(commitPlanId and commitOperatorId)"));
        }
        if (request.commitPlanId() != null && request.commitOperatorId() == null) {
            violations.add(new Violation("commitOperatorId", "is required with commitPlanId: a licence is always run by an operator"));
        } else if (request.commitPlanId() == null && request.commitOperatorId() != null) {
            violations.add(new Violation("commitPlanId", "is required with commitOperatorId: which plan the municipality commits to license"));
        }
        return violations;
    }

    /**
     * How a round ends, the one rule for the early and the scheduled close: SUCCEEDED when the
     * contributions reach the target and at least {@code minParticipants} municipalities pledged,
     * FAILED otherwise.
     */
    public static RoundOutcome outcome(ScalingRound round, Tally tally) {
        return tally.pledgedTotal().compareTo(round.target) >= 0 && tally.participants() >= round.minParticipants
                ? RoundOutcome.SUCCEEDED : RoundOutcome.FAILED;
    }

    /** What a round lacks to succeed, in words (empty when it would succeed). */
    public static String shortfall(ScalingRound round, Tally tally) {
        List<String> missing = new ArrayList<>();
        if (tally.pledgedTotal().compareTo(round.target) < 0) {
            missing.add("contributions " + tally.pledgedTotal().toPlainString() + " of the target " + round.target.toPlainString()
                    + " EUR (" + round.target.subtract(tally.pledgedTotal()).toPlainString() + " missing)");
        }
        if (tally.participants() < round.minParticipants) {
            missing.add(tally.participants() + " of at least " + round.minParticipants + " participating municipalities");
        }
        return String.join(" and ", missing);
    }

    /** The purposes; returns whether every amount is valid (so their sum can be compared with the target). */
    private static boolean purposes(List<RoundRequest.PurposeRequest> purposes, List<Violation> violations) {
        if (purposes == null || purposes.isEmpty()) {
            violations.add(new Violation("purposes", "must list at least one purpose with its amount"));
            return false;
        }
        if (purposes.size() > MAX_PURPOSES) {
            violations.add(new Violation("purposes", "must list at most " + MAX_PURPOSES + " purposes"));
            return false;
        }
        boolean valid = true;
        for (int i = 0; i < purposes.size(); i++) {
            RoundRequest.PurposeRequest p = purposes.get(i);
            String at = "purposes[" + i + "]";
            if (p == null) {
                violations.add(new Violation(at, "must not be null"));
                valid = false;
                continue;
            }
            if (p.purpose() == null || p.purpose().isBlank()) {
                violations.add(new Violation(at + ".purpose", "must not be blank: what the money is for"));
            } else if (p.purpose().strip().length() > MAX_PURPOSE_LENGTH) {
                violations.add(new Violation(at + ".purpose", "must be at most " + MAX_PURPOSE_LENGTH + " characters"));
            }
            valid &= amount(at + ".amount", p.amount(), violations);
        }
        return valid;
    }

    /** A required amount above 0 in euro and cent, at most {@link #MAX_AMOUNT}; returns whether it is valid. */
    private static boolean amount(String field, BigDecimal value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, "is required"));
        } else if (value.signum() <= 0) {
            violations.add(new Violation(field, "must be greater than 0"));
        } else if (PlanRules.decimals(value) > 2) {
            violations.add(new Violation(field, "must have at most 2 decimals (euro and cent)"));
        } else if (value.compareTo(MAX_AMOUNT) > 0) {
            violations.add(new Violation(field, "must be at most " + MAX_AMOUNT.toPlainString()));
        } else {
            return true;
        }
        return false;
    }

    private RoundRules() {
    }
}

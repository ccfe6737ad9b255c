package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.common.problem.Problem.Violation;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule a plan must satisfy (docs/DOMAIN.md, section "Plans"), as one list of violations naming the JSON
 * field: the parameters each price model needs and the ones it must leave out, ascending tier
 * bounds, cost-sharing weight in [0,1], the contract's VAT rule ({@link VatCategory}: rate 0–0.25
 * consistent with the UNCL5305 category, the exemption reason for E and O only), non-negative money
 * with at most 2 decimals, and the term limits.
 */
public final class PlanRules {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_TIERS = 20;
    public static final int MAX_EXEMPTION_REASON_LENGTH = 500;
    /** Far above any municipal monthly fee; catches a misplaced decimal point. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("10000000.00");

    /** The model-specific fields, and which models use each. */
    private static final Map<String, Set<PriceModel>> MODEL_FIELDS = Map.of(
            "monthlyFee", Set.of(PriceModel.FLAT),
            "ratePer1000", Set.of(PriceModel.PER_INHABITANT),
            "minMonthly", Set.of(PriceModel.PER_INHABITANT),
            "maxMonthly", Set.of(PriceModel.PER_INHABITANT),
            "tiers", Set.of(PriceModel.TIERED),
            "monthlyPool", Set.of(PriceModel.COST_SHARING),
            "costSharingKey", Set.of(PriceModel.COST_SHARING),
            "inhabitantWeight", Set.of(PriceModel.COST_SHARING));

    public static List<Violation> check(PlanRequest plan) {
        List<Violation> violations = new ArrayList<>();
        if (plan.name() == null || plan.name().isBlank()) {
            violations.add(new Violation("name", "must not be blank"));
        } else if (plan.name().strip().length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (plan.model() == null) {
            violations.add(new Violation("model", "must be one of FREE, FLAT, PER_INHABITANT, TIERED, COST_SHARING"));
        } else {
            unusedFields(plan, violations);
            modelParameters(plan, violations);
        }
        money("setupFee", plan.setupFee(), violations);
        range("minimumTermMonths", plan.minimumTermMonths(), 0, 60, violations);
        range("noticePeriodDays", plan.noticePeriodDays(), 0, 365, violations);
        vat(plan, violations);
        if (plan.currency() != null && !"EUR".equals(plan.currency())) {
            violations.add(new Violation("currency", "must be EUR (the marketplace bills in euro only)"));
        }
        return violations;
    }

    private static void unusedFields(PlanRequest plan, List<Violation> violations) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("monthlyFee", plan.monthlyFee());
        values.put("ratePer1000", plan.ratePer1000());
        values.put("minMonthly", plan.minMonthly());
        values.put("maxMonthly", plan.maxMonthly());
        values.put("tiers", plan.tiers());
        values.put("monthlyPool", plan.monthlyPool());
        values.put("costSharingKey", plan.costSharingKey());
        values.put("inhabitantWeight", plan.inhabitantWeight());
        values.forEach((field, value) -> {
            if (value != null && !MODEL_FIELDS.get(field).contains(plan.model())) {
                violations.add(new Violation(field, "is not used by model " + plan.model() + "; leave it out"));
            }
        });
    }

    private static void modelParameters(PlanRequest plan, List<Violation> violations) {
        switch (plan.model()) {
            case FREE -> {
            }
            case FLAT -> requiredMoney("monthlyFee", plan.monthlyFee(), violations);
            case PER_INHABITANT -> {
                requiredMoney("ratePer1000", plan.ratePer1000(), violations);
                boolean minValid = money("minMonthly", plan.minMonthly(), violations);
                boolean maxValid = money("maxMonthly", plan.maxMonthly(), violations);
                if (minValid && maxValid && plan.minMonthly() != null && plan.maxMonthly() != null
                        && plan.minMonthly().compareTo(plan.maxMonthly()) > 0) {
                    violations.add(new Violation("maxMonthly", "must not be less than minMonthly"));
                }
            }
            case TIERED -> tiers(plan.tiers(), violations);
            case COST_SHARING -> costSharing(plan, violations);
        }
    }

    private static void tiers(List<PlanRequest.Tier> tiers, List<Violation> violations) {
        if (tiers == null || tiers.isEmpty()) {
            violations.add(new Violation("tiers", "must list at least one tier for model TIERED"));
            return;
        }
        if (tiers.size() > MAX_TIERS) {
            violations.add(new Violation("tiers", "must have at most " + MAX_TIERS + " tiers"));
            return;
        }
        Long previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            PlanRequest.Tier tier = tiers.get(i);
            String at = "tiers[" + i + "]";
            if (tier == null) {
                violations.add(new Violation(at, "must not be null"));
                continue;
            }
            requiredMoney(at + ".monthlyFee", tier.monthlyFee(), violations);
            boolean last = i == tiers.size() - 1;
            if (last) {
                if (tier.upTo() != null) {
                    violations.add(new Violation(at + ".upTo", "must be left out on the last tier, which covers everyone above the previous bound"));
                }
            } else if (tier.upTo() == null) {
                violations.add(new Violation(at + ".upTo", "is required on every tier but the last"));
            } else if (tier.upTo() < 1) {
                violations.add(new Violation(at + ".upTo", "must be at least 1"));
            } else {
                if (previous != null && tier.upTo() <= previous) {
                    violations.add(new Violation(at + ".upTo", "must be greater than the previous tier's upTo (" + previous + "); tiers ascend"));
                }
                previous = tier.upTo();
            }
        }
    }

    private static void costSharing(PlanRequest plan, List<Violation> violations) {
        requiredMoney("monthlyPool", plan.monthlyPool(), violations);
        if (plan.costSharingKey() == null) {
            violations.add(new Violation("costSharingKey", "is required for model COST_SHARING: INHABITANTS, EQUAL or MIXED"));
            return;
        }
        BigDecimal weight = plan.inhabitantWeight();
        if (plan.costSharingKey() == CostSharingKey.MIXED) {
            if (weight == null) {
                violations.add(new Violation("inhabitantWeight", "is required for key MIXED: the share split by inhabitants, between 0 and 1"));
            } else if (weight.signum() < 0 || weight.compareTo(BigDecimal.ONE) > 0) {
                violations.add(new Violation("inhabitantWeight", "must be between 0 and 1"));
            } else if (decimals(weight) > 4) {
                violations.add(new Violation("inhabitantWeight", "must have at most 4 decimals"));
            }
        } else if (weight != null) {
            violations.add(new Violation("inhabitantWeight", "is only used with key MIXED; leave it out for " + plan.costSharingKey()));
        }
    }

    /**
     * The VAT rule is the contract's ({@link VatCategory}), so billing can price every plan accepted
     * here; this only adds the input limits of the catalog (rate decimals, reason length).
     */
    private static void vat(PlanRequest plan, List<Violation> violations) {
        violations.addAll(vat(plan.vatCategory(), plan.vatRate(), plan.vatExemptionReason()));
    }

    /**
     * The VAT fields wherever the catalog takes them (a plan, a scaling round's contributions): the
     * contract's rule ({@link VatCategory}) plus the catalog's input limits (rate at most 4 decimals,
     * reason at most {@link #MAX_EXEMPTION_REASON_LENGTH} characters), each violation naming its field.
     */
    public static List<Violation> vat(String category, BigDecimal rate, String exemptionReason) {
        List<Violation> violations = new ArrayList<>();
        List<VatCategory.Violation> rule = VatCategory.check(category, rate, exemptionReason);
        rule.forEach(v -> violations.add(new Violation(v.field(), v.message())));
        if (rate != null && !names(rule, VatCategory.RATE_FIELD) && decimals(rate) > 4) {
            violations.add(new Violation(VatCategory.RATE_FIELD, "must have at most 4 decimals"));
        }
        if (exemptionReason != null && !names(rule, VatCategory.REASON_FIELD)
                && exemptionReason.strip().length() > MAX_EXEMPTION_REASON_LENGTH) {
            violations.add(new Violation(VatCategory.REASON_FIELD, "must be at most " + MAX_EXEMPTION_REASON_LENGTH + " characters"));
        }
        return violations;
    }

    private static boolean names(List<VatCategory.Violation> violations, String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    private static void requiredMoney(String field, BigDecimal value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, "is required for this model"));
        } else {
            money(field, value, violations);
        }
    }

    /** An optional amount: ≥ 0, at most 2 decimals, at most {@link #MAX_MONEY}. Returns whether it is valid (or absent). */
    private static boolean money(String field, BigDecimal value, List<Violation> violations) {
        if (value == null) {
            return true;
        }
        if (value.signum() < 0) {
            violations.add(new Violation(field, "must not be negative"));
        } else if (decimals(value) > 2) {
            violations.add(new Violation(field, "must have at most 2 decimals (euro and cent)"));
        } else if (value.compareTo(MAX_MONEY) > 0) {
            violations.add(new Violation(field, "must be at most " + MAX_MONEY.toPlainString()));
        } else {
            return true;
        }
        return false;
    }

    private static void range(String field, Integer value, int min, int max, List<Violation> violations) {
        if (value != null && (value < min || value > max)) {
            violations.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }

    /** Decimals that carry a value: 12.50 and 12.5 have 1, 12.500 too. */
    public static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private PlanRules() {
    }
}

package de.kommunalmarkt.catalog.solution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The transfer-readiness gate of docs/DOMAIN.md (section "Solutions and the transfer-readiness gate"): a solution is published only when every MUST criterion
 * holds; the readiness score counts MUST and SHOULD criteria alike (met / all). The table's row
 * "≥ 1 supported operator type, ≥ 1 plan" is two criteria here, so a provider is told exactly which
 * half is missing.
 */
public final class ReadinessGate {

    public enum Level {
        MUST,
        SHOULD
    }

    /** One criterion: what it asks, the field to fill in, and how to tell the provider what is missing. */
    public enum Criterion {
        DOCUMENTATION_LINK(Level.MUST, "documentation link present", "documentationUrl",
                s -> s.documentationUrl != null,
                s -> "Add a link to the documentation (documentationUrl)."),
        SOURCE_LICENSE(Level.MUST, "source licence declared (SPDX id)", "sourceLicense",
                s -> s.sourceLicense != null,
                s -> "Declare the source licence as an SPDX id (sourceLicense), e.g. EUPL-1.2."),
        DATA_PROTECTION_STATEMENT(Level.MUST, "data-protection statement (DSGVO) declared", "qualityProfile.dataProtectionStatementUrl",
                s -> s.dataProtectionStatementUrl != null,
                s -> "Declare the data-protection statement (DSGVO): link it in qualityProfile.dataProtectionStatementUrl."),
        IT_SECURITY_CONCEPT(Level.MUST, "IT-security concept declared", "qualityProfile.securityConceptUrl",
                s -> s.securityConceptUrl != null,
                s -> "Declare the IT-security concept: link it in qualityProfile.securityConceptUrl."),
        ACCESSIBILITY(Level.MUST, "accessibility statement (BITV 2.0), or declared as having no user interface",
                "qualityProfile.accessibilityStatementUrl",
                s -> s.accessibilityStatementUrl != null || s.noUserInterface,
                s -> "Link the accessibility statement (BITV 2.0) in qualityProfile.accessibilityStatementUrl, "
                        + "or set qualityProfile.noUserInterface to true if the solution has no user interface."),
        REFERENCE_ENVIRONMENTS(Level.MUST, "at least 2 reference environments that differ in operator or hosting mode",
                "referenceEnvironments",
                s -> distinctEnvironments(s) >= 2,
                s -> "Name at least 2 reference environments (referenceEnvironments) that differ in operator or hosting mode, "
                        + "to show the solution works in different environments; now " + s.referenceEnvironments.size()
                        + " given, " + distinctEnvironments(s) + " different."),
        SUPPORTED_OPERATOR_TYPE(Level.MUST, "at least 1 supported operator type", "supportedOperatorTypes",
                s -> !s.supportedOperatorTypes.isEmpty(),
                s -> "Declare at least one operator type that can run the solution (supportedOperatorTypes), "
                        + "e.g. REGIONAL_IT_PROVIDER."),
        PLAN(Level.MUST, "at least 1 plan", "plans",
                s -> !s.activePlans().isEmpty(),
                s -> "Add at least one plan (POST /api/solutions/" + s.id + "/plans), e.g. a FREE or FLAT plan."),
        MATURITY(Level.MUST, "maturity at least PILOT", "maturity",
                s -> s.maturity != null && s.maturity.atLeast(Maturity.PILOT),
                s -> "Raise the maturity to at least PILOT (now " + s.maturity + ") once the solution runs in a pilot."),
        OSI_OR_EUPL_LICENSE(Level.SHOULD, "source licence is OSI-approved or EUPL", "sourceLicense",
                s -> SpdxLicenses.find(s.sourceLicense).map(SpdxLicenses.License::osiApprovedOrEupl).orElse(false),
                s -> "Prefer an OSI-approved licence or the EUPL"
                        + (s.sourceLicense == null ? "." : " (now " + s.sourceLicense + ").")),
        OPEN_STANDARD(Level.SHOULD, "at least 1 open standard or interface declared", "standards",
                s -> !s.standards.isEmpty(),
                s -> "Declare the open standards and interfaces it implements (standards), e.g. OParl, OGC SensorThings."),
        SUPPORT(Level.SHOULD, "support contact and response time declared", "qualityProfile.supportContact",
                s -> s.supportContact != null && s.supportResponseHours != null,
                s -> "Declare a support contact and a response time "
                        + "(qualityProfile.supportContact, qualityProfile.supportResponseHours).");

        private final Level level;
        private final String requirement;
        private final String field;
        private final Predicate<Solution> holds;
        private final Function<Solution, String> hint;

        Criterion(Level level, String requirement, String field, Predicate<Solution> holds, Function<Solution, String> hint) {
            this.level = level;
            this.requirement = requirement;
            this.field = field;
            this.holds = holds;
            this.hint = hint;
        }

        public Level level() {
            return level;
        }

        public String requirement() {
            return requirement;
        }

        /** The request field a provider fills in to meet it. */
        public String field() {
            return field;
        }
    }

    /** How one criterion stands for a solution; {@code hint} says what to do when it is not met. */
    public record Check(Criterion criterion, boolean met, String hint) {
    }

    /** All checks of a solution, in the order of the table in docs/DOMAIN.md. */
    public record Result(List<Check> checks) {

        public int met() {
            return (int) checks.stream().filter(Check::met).count();
        }

        public int total() {
            return checks.size();
        }

        /** met / all, rounded HALF_UP to 2 decimals. */
        public BigDecimal score() {
            return BigDecimal.valueOf(met()).divide(BigDecimal.valueOf(total()), 2, RoundingMode.HALF_UP);
        }

        public List<Check> unmetMust() {
            return checks.stream().filter(c -> !c.met() && c.criterion().level() == Level.MUST).toList();
        }

        public boolean publishable() {
            return unmetMust().isEmpty();
        }
    }

    public static Result evaluate(Solution solution) {
        List<Check> checks = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            boolean met = criterion.holds.test(solution);
            checks.add(new Check(criterion, met, met ? null : criterion.hint.apply(solution)));
        }
        return new Result(List.copyOf(checks));
    }

    /** Reference environments count as different when operator (ignoring case and spacing) or hosting mode differ. */
    static int distinctEnvironments(Solution solution) {
        Set<String> distinct = new HashSet<>();
        for (Installation environment : solution.referenceEnvironments) {
            distinct.add(environment.operator.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + "|" + environment.hostingMode);
        }
        return distinct.size();
    }

    private ReadinessGate() {
    }
}

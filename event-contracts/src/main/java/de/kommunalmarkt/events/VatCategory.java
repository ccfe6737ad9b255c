package de.kommunalmarkt.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VAT category of a plan (EN 16931 / UNCL5305 code) and the one rule that ties the VAT rate and
 * the exemption reason to it (docs/DOMAIN.md, section "VAT categories"). The catalog
 * refuses a plan that breaks it and billing prices only terms that keep it, so a plan the catalog
 * accepted is always billable. The field names in {@link Violation} are those of {@link PlanTerms}.
 *
 * <table>
 * <tr><th>code</th><th>rate</th><th>exemption reason (BT-120)</th></tr>
 * <tr><td>S standard rate</td><td>&gt; 0</td><td>absent</td></tr>
 * <tr><td>Z zero rated</td><td>0</td><td>absent</td></tr>
 * <tr><td>E exempt</td><td>0</td><td>required</td></tr>
 * <tr><td>O not subject to VAT</td><td>0</td><td>required</td></tr>
 * </table>
 * Every rate lies within 0 … {@link #MAX_RATE}.
 */
public enum VatCategory {
    /** Standard rate, e.g. 0.19 or 0.07. */
    S,
    /** Zero rated. */
    Z,
    /** Exempt, e.g. inter-municipal cooperation under § 2b UStG (BR-E-10: reason required). */
    E,
    /** Not subject to VAT, outside its scope (BR-O-10: reason required). */
    O;

    public static final BigDecimal MAX_RATE = new BigDecimal("0.25");
    public static final String RATE_FIELD = "vatRate";
    public static final String CATEGORY_FIELD = "vatCategory";
    public static final String REASON_FIELD = "vatExemptionReason";

    /** One broken part of the rule, naming the {@link PlanTerms} field to fix. */
    public record Violation(String field, String message) {
    }

    /** Whether the rate must be above 0 (only S); every other category has rate 0. */
    public boolean taxed() {
        return this == S;
    }

    /** Whether an invoice must state why no VAT is charged (E and O); S and Z carry no reason. */
    public boolean needsExemptionReason() {
        return this == E || this == O;
    }

    /** The category of a UNCL5305 code, if it is one of S, Z, E, O (case matters: codes are upper case). */
    public static Optional<VatCategory> ofCode(String code) {
        for (VatCategory category : values()) {
            if (category.name().equals(code)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    /**
     * The rule applied to the three VAT fields as a plan carries them: empty when they fit together.
     * A missing or unknown category is reported alone (the rest cannot be judged without it); a
     * reason counts as given when it is not blank.
     */
    public static List<Violation> check(String category, BigDecimal rate, String exemptionReason) {
        Optional<VatCategory> known = ofCode(category);
        if (known.isEmpty()) {
            return List.of(new Violation(CATEGORY_FIELD,
                    "must be an UNCL5305 code: S (standard), Z (zero rated), E (exempt) or O (not subject to VAT)"));
        }
        return known.get().violations(rate, exemptionReason);
    }

    /** The rule for this category: empty when {@code rate} and {@code exemptionReason} fit it. */
    public List<Violation> violations(BigDecimal rate, String exemptionReason) {
        List<Violation> violations = new ArrayList<>();
        if (rate == null) {
            violations.add(new Violation(RATE_FIELD, "is required, e.g. 0.19 for category S or 0 for Z, E and O"));
        } else if (rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
            violations.add(new Violation(RATE_FIELD, "must be between 0 and " + MAX_RATE.toPlainString()));
        } else if (taxed() && rate.signum() == 0) {
            violations.add(new Violation(RATE_FIELD, "must be above 0 for VAT category S; use Z, E or O for untaxed plans"));
        } else if (!taxed() && rate.signum() != 0) {
            violations.add(new Violation(RATE_FIELD, "must be 0 for VAT category " + this));
        }
        boolean reasonGiven = exemptionReason != null && !exemptionReason.isBlank();
        if (needsExemptionReason() && !reasonGiven) {
            violations.add(new Violation(REASON_FIELD, "is required for VAT category " + this + (this == E
                    ? ", e.g. \"Interkommunale Zusammenarbeit, § 2b UStG\""
                    : ", e.g. \"Nicht steuerbar\"")));
        } else if (!needsExemptionReason() && exemptionReason != null) {
            violations.add(new Violation(REASON_FIELD, "is only given for VAT categories E and O; leave it out for " + this));
        }
        return violations;
    }
}

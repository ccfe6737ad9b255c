package de.kommunalmarkt.billing.pricing;

/** VAT category codes of EN 16931 (UNCL5305) that a plan may carry. */
public enum VatCategory {
    /** Standard rate. */
    S,
    /** Exempt, e.g. inter-municipal cooperation under § 2b UStG; needs an exemption reason. */
    E,
    /** Zero-rated goods. */
    Z,
    /** Not subject to VAT; needs an exemption reason. */
    O;

    /** EN 16931 (BR-E-10, BR-O-10) wants the reason in the VAT breakdown of these categories. */
    boolean needsExemptionReason() {
        return this == E || this == O;
    }
}

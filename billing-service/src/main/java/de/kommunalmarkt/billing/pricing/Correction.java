package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A difference between what a licence costs in an earlier period, re-priced from the facts as they stand
 * now, and what was billed for it (docs/DOMAIN.md, section "Late facts and corrections"): positive — a catch-up line on
 * the adopter's next invoice; negative — a credit-note line. {@code repriced} is the charge as it is now
 * (its days and VAT terms describe the corrected line).
 */
public record Correction(BillingPeriod period, DraftLine repriced, BigDecimal amount) {

    public Correction {
        Objects.requireNonNull(period, "period is required");
        Objects.requireNonNull(repriced, "repriced is required");
        Objects.requireNonNull(amount, "amount is required");
        amount = amount.signum() < 0 ? Money.requireCents("amount", amount.negate()).negate() : Money.requireCents("amount", amount);
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("a correction is never zero");
        }
    }

    public String licenseId() {
        return repriced.licenseId();
    }

    public LineKind kind() {
        return repriced.kind();
    }

    /** The line that corrects: a catch-up (positive) or credit-note line, always for the positive amount. */
    public DraftLine line() {
        return repriced.correcting(period, amount.abs());
    }
}

package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One line of an invoice or credit-note draft, with what an XRechnung line needs: which licence, what for,
 * the quantity (billable days out of D for usage; null for a setup fee or a contribution, which are one piece;
 * a contribution has neither licence nor price model), the net
 * amount, the VAT terms of the licence's contract and — for a correction of an earlier period (a catch-up
 * line or a credit-note line) — that period; null when the line bills the document's own period.
 */
public record DraftLine(
        String licenseId,
        LineKind kind,
        PriceModel model,
        BillableDays billableDays,
        BigDecimal netAmount,
        VatCategory vatCategory,
        BigDecimal vatRate,
        String vatExemptionReason,
        BillingPeriod correctsPeriod) {

    public DraftLine {
        Objects.requireNonNull(kind, "kind is required");
        if (kind == LineKind.CONTRIBUTION) {
            if (licenseId != null || model != null || billableDays != null) {
                throw new IllegalArgumentException("a contribution line has no licence, price model or days");
            }
        } else {
            Objects.requireNonNull(licenseId, "licenseId is required");
            Objects.requireNonNull(model, "model is required");
        }
        if (kind == LineKind.USAGE) {
            Objects.requireNonNull(billableDays, "a usage line needs its billable days");
        } else if (billableDays != null) {
            throw new IllegalArgumentException("a setup-fee line is one piece, not a number of days");
        }
        netAmount = Money.requireCents("netAmount", netAmount);
        Objects.requireNonNull(vatCategory, "vatCategory is required");
        Money.requireNonNegative("vatRate", vatRate);
    }

    /**
     * A one-off scaling-round contribution (kind {@link LineKind#CONTRIBUTION}): one piece at {@code amount} net, with
     * the round's VAT terms (the one VAT rule of {@link VatCategory}); {@code correctsPeriod} is the period a credit
     * note credits it for, null on an invoice.
     */
    public static DraftLine contribution(BigDecimal amount, VatCategory vatCategory, BigDecimal vatRate,
            String vatExemptionReason, BillingPeriod correctsPeriod) {
        List<VatCategory.Violation> violations = VatCategory.check(
                Objects.requireNonNull(vatCategory, "vatCategory is required").name(), vatRate, vatExemptionReason);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream().map(v -> v.field() + " " + v.message())
                    .collect(Collectors.joining("; ")));
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a contribution must be above 0, got " + amount);
        }
        return new DraftLine(null, LineKind.CONTRIBUTION, null, null, amount, vatCategory, vatRate,
                vatCategory.needsExemptionReason() ? vatExemptionReason : null, correctsPeriod);
    }

    /** The same charge as a correction of an earlier period, for the given (positive) amount. */
    public DraftLine correcting(BillingPeriod period, BigDecimal amount) {
        return new DraftLine(licenseId, kind, model, billableDays, amount, vatCategory, vatRate, vatExemptionReason,
                Objects.requireNonNull(period, "period is required"));
    }
}

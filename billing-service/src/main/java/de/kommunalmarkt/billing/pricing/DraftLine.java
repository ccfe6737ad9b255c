package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an invoice or credit-note draft, with what an XRechnung line needs: which licence, what for,
 * the quantity (billable days out of D for usage; null for a setup fee, which is one piece), the net
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
        Objects.requireNonNull(licenseId, "licenseId is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(model, "model is required");
        if (kind == LineKind.USAGE) {
            Objects.requireNonNull(billableDays, "a usage line needs its billable days");
        } else if (billableDays != null) {
            throw new IllegalArgumentException("a setup-fee line is one piece, not a number of days");
        }
        netAmount = Money.requireCents("netAmount", netAmount);
        Objects.requireNonNull(vatCategory, "vatCategory is required");
        Money.requireNonNegative("vatRate", vatRate);
    }

    /** The same charge as a correction of an earlier period, for the given (positive) amount. */
    public DraftLine correcting(BillingPeriod period, BigDecimal amount) {
        return new DraftLine(licenseId, kind, model, billableDays, amount, vatCategory, vatRate, vatExemptionReason,
                Objects.requireNonNull(period, "period is required"));
    }
}

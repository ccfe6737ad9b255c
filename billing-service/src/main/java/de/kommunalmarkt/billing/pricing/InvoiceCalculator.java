package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes one adopter's invoice for a period from its licences (docs/DOMAIN.md, section "Billable days and line amounts").
 *
 * <p>A usage line per licence: round(M × billableDays / D) for FREE, FLAT, PER_INHABITANT and TIERED,
 * the allocated share for COST_SHARING; the setup fee as a separate full line in the period that
 * contains the activation date. Zero lines are left out. Catch-up lines for earlier periods follow the
 * period's own lines, one-off contribution lines come last. VAT per (category, rate) group as {@link InvoiceDraft#of} computes it. Lines keep the
 * order of the licences given, usage before setup fee.
 */
public final class InvoiceCalculator {

    /** The draft, or empty when no line is left: such an invoice is not issued. */
    public Optional<InvoiceDraft> calculate(BillingPeriod period, List<BillableLicense> licenses) {
        return calculate(period, licenses, List.of());
    }

    /** The draft with the given catch-up lines of earlier periods after the period's own lines. */
    public Optional<InvoiceDraft> calculate(BillingPeriod period, List<BillableLicense> licenses,
            List<DraftLine> catchUps) {
        return calculate(period, licenses, catchUps, List.of());
    }

    /**
     * The draft with the catch-up lines after the period's own lines and the one-off lines (scaling-round
     * contributions, {@link DraftLine#contribution}) last. An adopter with nothing but a one-off line gets an invoice
     * of it alone.
     */
    public Optional<InvoiceDraft> calculate(BillingPeriod period, List<BillableLicense> licenses,
            List<DraftLine> catchUps, List<DraftLine> oneOffs) {
        Objects.requireNonNull(period, "period is required");
        Objects.requireNonNull(licenses, "licenses are required");
        List<DraftLine> lines = new ArrayList<>();
        for (BillableLicense license : licenses) {
            for (DraftLine line : lines(period, license).values()) {
                if (line.netAmount().signum() != 0) {
                    lines.add(line);
                }
            }
        }
        lines.addAll(catchUps);
        for (DraftLine oneOff : oneOffs) {
            if (oneOff.kind() != LineKind.CONTRIBUTION) {
                throw new IllegalArgumentException("a one-off line is a contribution, not " + oneOff.kind());
            }
            lines.add(oneOff);
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(InvoiceDraft.of(lines));
    }

    /**
     * What the licence costs in the period, per kind, zero amounts included (a setup fee only in the period
     * that contains the activation date): what a run bills, and what re-pricing compares with the ledger.
     */
    public Map<LineKind, DraftLine> lines(BillingPeriod period, BillableLicense license) {
        Map<LineKind, DraftLine> lines = new EnumMap<>(LineKind.class);
        lines.put(LineKind.USAGE, usageLine(period, license));
        if (period.contains(license.timeline().activatedOn())) {
            lines.put(LineKind.SETUP_FEE, line(license, LineKind.SETUP_FEE, null, license.terms().setupFee()));
        }
        return lines;
    }

    private static DraftLine usageLine(BillingPeriod period, BillableLicense license) {
        BillableDays billableDays = BillableDays.of(period, license.timeline());
        BigDecimal amount;
        if (license.terms().price() instanceof PriceTerms.ProRataPrice price) {
            amount = Money.proRataToCent(price.fullMonthAmount(license.inhabitants()),
                    billableDays.days(), billableDays.periodDays());
        } else {
            amount = license.costShare();
        }
        return line(license, LineKind.USAGE, billableDays, amount);
    }

    private static DraftLine line(BillableLicense license, LineKind kind, BillableDays billableDays,
            BigDecimal amount) {
        ContractTerms terms = license.terms();
        return new DraftLine(license.licenseId(), kind, terms.price().model(), billableDays, amount,
                terms.vatCategory(), terms.vatRate(), terms.vatExemptionReason(), null);
    }
}

package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Re-prices licences for an earlier period and compares with the ledger of what was billed for them
 * (docs/DOMAIN.md, section "Late facts and corrections"). The licences come with the facts as they stand now — and, for
 * a cost-sharing plan, their share of the pool split over the participants as they stand now — so every
 * difference is exactly what is still owed (positive) or to be credited (negative).
 */
public final class Repricing {

    /** What was billed for a licence in the period, per kind; the ledger's sum. */
    public record Billed(String licenseId, LineKind kind) {
    }

    private final InvoiceCalculator calculator = new InvoiceCalculator();

    /**
     * @param licenses every licence to compare: those whose facts changed, and every licence the ledger holds
     *                 an amount for in this period among them (so that a licence no longer billable is credited)
     * @param billed   the ledger's sums for these licences in the period; a missing key counts as zero
     */
    public List<Correction> corrections(BillingPeriod period, List<BillableLicense> licenses, Map<Billed, BigDecimal> billed) {
        Objects.requireNonNull(period, "period is required");
        List<Correction> corrections = new ArrayList<>();
        for (BillableLicense license : licenses) {
            for (DraftLine now : calculator.lines(period, license).values()) {
                BigDecimal before = billed.getOrDefault(new Billed(license.licenseId(), now.kind()), Money.zero());
                BigDecimal difference = now.netAmount().subtract(before);
                if (difference.signum() != 0) {
                    corrections.add(new Correction(period, now, difference));
                }
            }
            // A setup fee billed in a period that no longer contains the activation (it cannot move today, but
            // the ledger must still come out right if it did).
            BigDecimal setupBilled = billed.get(new Billed(license.licenseId(), LineKind.SETUP_FEE));
            if (setupBilled != null && setupBilled.signum() != 0 && !period.contains(license.timeline().activatedOn())) {
                DraftLine none = calculator.lines(period, license).get(LineKind.USAGE);
                DraftLine setup = new DraftLine(license.licenseId(), LineKind.SETUP_FEE, none.model(), null,
                        Money.zero(), none.vatCategory(), none.vatRate(), none.vatExemptionReason(), null);
                corrections.add(new Correction(period, setup, setupBilled.negate()));
            }
        }
        return corrections;
    }
}

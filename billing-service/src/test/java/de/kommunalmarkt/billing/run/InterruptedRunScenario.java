package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.billing.pricing.BillableLicense;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.InvoiceCalculator;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Five municipalities of one period, sharing a pool and paying a flat fee, billed one municipality per
 * batch by a run that is interrupted after two of them ({@link BillingRun1InterruptedTest}) and resumed
 * by the restarted service ({@link BillingRun2ResumedTest}). What an uninterrupted run would issue is
 * computed here with the pricing engine from the inputs as they were when the run started.
 */
final class InterruptedRunScenario {

    static final String PERIOD = "2025-05";
    static final BillingPeriod BILLING_PERIOD = BillingPeriod.parse(PERIOD);
    static final LocalDate END = LocalDate.parse("2025-05-31");

    /** AGS, inhabitants, activation of the flat licence (null: none), activation of the pool licence. */
    record Adopter(String ags, long inhabitants, LocalDate flatFrom, LocalDate poolFrom) {
    }

    static final List<Adopter> ADOPTERS = List.of(
            new Adopter("03101000", 12_000, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-02-01")),
            new Adopter("03102000", 48_000, LocalDate.parse("2025-03-15"), LocalDate.parse("2025-02-01")),
            new Adopter("03103000", 7_500, LocalDate.parse("2025-04-01"), LocalDate.parse("2025-04-01")),
            new Adopter("03104000", 150_000, LocalDate.parse("2025-05-10"), LocalDate.parse("2025-01-01")),
            new Adopter("03105000", 31_000, null, LocalDate.parse("2025-05-20")));

    /** Joins only after the run started: not part of its inputs. */
    static final String LATECOMER = "03106000";
    /** Grows tenfold after the run started: the run still bills the inhabitants it fixed. */
    static final String GROWING = "03104000";

    static PlanTerms flat() {
        return Plans.flat("120.00");
    }

    static PlanTerms pool() {
        return Plans.costSharing("2500.00", CostSharingKey.MIXED, "0.5");
    }

    /** The net amount of each municipality's invoice, as an uninterrupted run over the fixed inputs computes it. */
    static Map<String, String> expectedNet() {
        ContractTerms flat = ContractTerms.frozen(flat());
        ContractTerms pool = ContractTerms.frozen(pool());
        List<CostSharingAllocation.Candidate> candidates = new ArrayList<>();
        for (Adopter adopter : ADOPTERS) {
            candidates.add(new CostSharingAllocation.Candidate("pool-" + adopter.ags(), adopter.ags(), adopter.inhabitants(),
                    BillableDays.of(BILLING_PERIOD, timeline(adopter.poolFrom()))));
        }
        CostSharingAllocation allocation = CostSharingAllocation.allocate((PriceTerms.CostSharing) pool.price(),
                BILLING_PERIOD, candidates);
        Map<String, String> net = new LinkedHashMap<>();
        for (Adopter adopter : ADOPTERS) {
            List<BillableLicense> licenses = new ArrayList<>();
            if (adopter.flatFrom() != null) {
                licenses.add(BillableLicense.priced("flat-" + adopter.ags(), flat, adopter.inhabitants(),
                        timeline(adopter.flatFrom())));
            }
            licenses.add(BillableLicense.costSharing("pool-" + adopter.ags(), pool, adopter.inhabitants(),
                    timeline(adopter.poolFrom()), allocation.shareOf("pool-" + adopter.ags())));
            InvoiceDraft draft = new InvoiceCalculator().calculate(BILLING_PERIOD, licenses).orElseThrow();
            net.put(adopter.ags(), draft.net().toPlainString());
        }
        return net;
    }

    private static LicenseTimeline timeline(LocalDate activatedOn) {
        return LicenseTimeline.activeFrom(activatedOn).endingOn(END);
    }

    private InterruptedRunScenario() {
    }
}

package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.events.PriceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost sharing across all participants of a plan, before any municipality is invoiced: a batch holds only
 * some of a pool's participants, but each share depends on all of them. Computed anew by every execution
 * from the same snapshot, so a resumed run bills the shares an uninterrupted one would.
 */
final class CostShares {

    private CostShares() {
    }

    /**
     * Each cost-sharing licence's rounded share in cents (by licence number; 0 for the others), from one
     * allocation per plan over all its participants.
     */
    static long[] allocate(BillingPeriod period, RunInputs inputs) {
        long[] shares = new long[inputs.licenseCount()];
        Map<Integer, List<Integer>> byContract = new HashMap<>();
        for (int license = 0; license < inputs.licenseCount(); license++) {
            int contract = inputs.contractOf[license];
            if (inputs.models[contract] == PriceModel.COST_SHARING) {
                byContract.computeIfAbsent(contract, k -> new ArrayList<>()).add(license);
            }
        }
        // Plans are independent of each other, and PostgreSQL idles meanwhile: use every core.
        byContract.entrySet().parallelStream().forEach(entry -> {
            int contract = entry.getKey();
            List<Integer> licenses = entry.getValue();
            List<CostSharingAllocation.Candidate> candidates = new ArrayList<>(licenses.size());
            for (int license : licenses) {
                int municipality = inputs.municipalityOf[license];
                candidates.add(new CostSharingAllocation.Candidate(inputs.licenseId(license), inputs.ags[municipality],
                        inputs.inhabitants[municipality], BillableDays.of(period, inputs.timeline(license))));
            }
            CostSharingAllocation allocation = CostSharingAllocation.allocate(
                    (PriceTerms.CostSharing) inputs.terms[contract].price(), period, candidates);
            for (int i = 0; i < licenses.size(); i++) {
                shares[licenses.get(i)] = allocation.shareOf(candidates.get(i).licenseId()).movePointRight(2).longValueExact();
            }
        });
        return shares;
    }
}

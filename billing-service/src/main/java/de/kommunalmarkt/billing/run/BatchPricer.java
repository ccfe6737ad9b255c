package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.pricing.BillableLicense;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.InvoiceCalculator;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.run.PricedBatch.CreditNoteDraft;
import de.kommunalmarkt.billing.run.PricedBatch.PricedInvoice;
import de.kommunalmarkt.billing.run.PricedBatch.VatScope;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Prices batches of one execution from its snapshot, without touching the database: for each municipality its
 * licences of the period (a cost-sharing licence at the share {@link CostShares} allocated), the catch-up lines
 * and credit notes of its recorded corrections, its scaling-round contributions ({@link RunContributions}) as one-off
 * lines, the invoice draft — split by VAT scope — and the invoices' line
 * and VAT rows in COPY form. Runs on the pricing thread of {@link BatchPipeline}, one batch at a time.
 */
final class BatchPricer {

    private final RunRecord run;
    private final RunInputs inputs;
    private final RunCorrections corrections;
    private final RunContributions contributions;
    private final long[] shares;
    private final InvoiceCalculator calculator = new InvoiceCalculator();

    BatchPricer(RunRecord run, RunInputs inputs, RunCorrections corrections, RunContributions contributions,
            long[] shares) {
        this.run = run;
        this.inputs = inputs;
        this.corrections = corrections;
        this.contributions = contributions;
        this.shares = shares;
    }

    /** The municipalities at positions {@code from..to} of those the run bills. */
    PricedBatch price(int from, int to) {
        int[] billed = inputs.billedMunicipalities();
        List<PricedInvoice> invoices = new ArrayList<>();
        InvoiceRows rows = new InvoiceRows(to - from);
        for (int position = from; position < to; position++) {
            int municipality = billed[position];
            int first = inputs.start[municipality];
            int end = inputs.start[municipality + 1];
            List<BillableLicense> licenses = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
                int license = inputs.byMunicipality[i];
                ContractTerms terms = inputs.terms[inputs.contractOf[license]];
                String id = inputs.licenseId(license);
                long inhabitants = inputs.inhabitants[municipality];
                LicenseTimeline timeline = inputs.timeline(license);
                licenses.add(terms.price() instanceof PriceTerms.CostSharing
                        ? BillableLicense.costSharing(id, terms, inhabitants, timeline, BigDecimal.valueOf(shares[license], 2))
                        : BillableLicense.priced(id, terms, inhabitants, timeline));
            }
            List<RunCorrections.Row> catchUps = new ArrayList<>();
            Map<UUID, List<RunCorrections.Row>> credits = new LinkedHashMap<>();
            for (RunCorrections.Row correction : corrections.of(municipality)) {
                if (correction.catchUp()) {
                    catchUps.add(correction);
                } else {
                    credits.computeIfAbsent(correction.correctsInvoice(), invoice -> new ArrayList<>()).add(correction);
                }
            }
            List<CreditNoteDraft> creditNotes = new ArrayList<>();
            credits.forEach((invoice, corrected) -> creditNotes.add(new CreditNoteDraft(UUID.randomUUID(), corrected.get(0),
                    InvoiceDraft.of(corrected.stream().map(row -> row.line(termsOf(row))).toList()), corrected)));
            List<RunContributions.Contribution> oneOffs = contributions.of(municipality);
            Optional<InvoiceDraft> calculated = calculator.calculate(run.period(), licenses,
                    catchUps.stream().map(row -> row.line(termsOf(row))).toList(),
                    oneOffs.stream().map(RunContributions.Contribution::line).toList());
            if (calculated.isEmpty()) {
                if (!creditNotes.isEmpty()) {
                    invoices.add(new PricedInvoice(municipality, null, null, creditNotes, null, List.of()));
                }
                continue;
            }
            InvoiceDraft draft = calculated.get();
            // Each line's contract and, for a catch-up, the correction it issues; for a contribution line, the
            // contribution (lines come in the order: the period's own, catch-ups, contributions).
            List<Long> contractOfLine = new ArrayList<>(draft.lines().size());
            List<RunCorrections.Row> catchUpOfLine = new ArrayList<>(draft.lines().size());
            List<UUID> contributionOfLine = new ArrayList<>(draft.lines().size());
            int cursor = first;
            int ownLines = draft.lines().size() - catchUps.size() - oneOffs.size();
            int catchUpLines = ownLines + catchUps.size();
            for (int l = 0; l < draft.lines().size(); l++) {
                RunCorrections.Row catchUp = l < ownLines || l >= catchUpLines ? null : catchUps.get(l - ownLines);
                contributionOfLine.add(l < catchUpLines ? null : oneOffs.get(l - catchUpLines).id());
                if (l >= catchUpLines) {
                    contractOfLine.add(null);
                } else if (catchUp == null) {
                    // Lines come in the order of the licences given, so each line's licence is found going forward.
                    while (!licenses.get(cursor - first).licenseId().equals(draft.lines().get(l).licenseId())) {
                        cursor++;
                    }
                    contractOfLine.add(inputs.contractIds[inputs.contractOf[inputs.byMunicipality[cursor]]]);
                } else {
                    contractOfLine.add(catchUp.contractId());
                }
                catchUpOfLine.add(catchUp);
            }
            // EN 16931 (BR-O-11 to BR-O-14): lines not subject to VAT (O) never share an invoice with others, so
            // such an adopter gets one invoice for each VAT scope.
            List<Integer> taxable = new ArrayList<>();
            List<Integer> outOfScope = new ArrayList<>();
            for (int l = 0; l < draft.lines().size(); l++) {
                (draft.lines().get(l).vatCategory() == VatCategory.O ? outOfScope : taxable).add(l);
            }
            List<List<Integer>> scopes = taxable.isEmpty() || outOfScope.isEmpty()
                    ? List.of(taxable.isEmpty() ? outOfScope : taxable) : List.of(taxable, outOfScope);
            for (List<Integer> scope : scopes) {
                InvoiceDraft part = scopes.size() == 1 ? draft
                        : InvoiceDraft.of(scope.stream().map(l -> draft.lines().get(l)).toList());
                UUID invoiceId = UUID.randomUUID();
                String invoiceKey = invoiceId.toString();
                List<UUID> billedContributions = new ArrayList<>();
                for (int n = 0; n < scope.size(); n++) {
                    int l = scope.get(n);
                    UUID contribution = contributionOfLine.get(l);
                    if (contribution != null) {
                        rows.contributionLine(invoiceKey, n + 1, draft.lines().get(l), contribution, run.period());
                        billedContributions.add(contribution);
                        continue;
                    }
                    RunCorrections.Row catchUp = catchUpOfLine.get(l);
                    rows.line(invoiceKey, n + 1, draft.lines().get(l), contractOfLine.get(l), run.period(),
                            catchUp == null ? null : catchUp.correctsInvoice());
                }
                rows.vatGroups(invoiceKey, part);
                invoices.add(new PricedInvoice(municipality, invoiceId, part, scope == scopes.get(0) ? creditNotes : List.of(),
                        scope == outOfScope ? VatScope.OUT_OF_SCOPE : VatScope.TAXABLE, billedContributions));
            }
        }
        return new PricedBatch(from, to, invoices, rows);
    }

    private ContractTerms termsOf(RunCorrections.Row correction) {
        return inputs.terms[inputs.contract(correction.contractId())];
    }
}

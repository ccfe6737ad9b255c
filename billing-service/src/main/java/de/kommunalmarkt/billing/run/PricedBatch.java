package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import java.util.List;
import java.util.UUID;

/**
 * A batch of municipalities (positions {@code from..to} of those the run bills), priced: its invoices and
 * credit notes, the invoices' line and VAT rows already in COPY form. Only numbering and writing are left for
 * the transaction ({@link BatchWriter}).
 */
record PricedBatch(int from, int to, List<PricedInvoice> invoices, InvoiceRows rows) {

    /**
     * One invoice of a municipality as computed (draft and id null when it has neither a charge of the period
     * nor a catch-up nor a contribution) with the municipality's credit notes, one per corrected invoice (on the first
     * of its invoices only), and the scaling-round contributions its lines bill.
     */
    record PricedInvoice(int municipality, UUID invoiceId, InvoiceDraft draft, List<CreditNoteDraft> creditNotes,
            VatScope vatScope, List<UUID> contributions) {
    }

    /** A credit note correcting one invoice, its draft's lines in the order of {@code rows}. */
    record CreditNoteDraft(UUID id, RunCorrections.Row corrects, InvoiceDraft draft, List<RunCorrections.Row> rows) {
    }

    /** Invoices of one adopter and period, one per scope: EN 16931 keeps lines not subject to VAT apart. */
    enum VatScope {
        TAXABLE, OUT_OF_SCOPE
    }
}

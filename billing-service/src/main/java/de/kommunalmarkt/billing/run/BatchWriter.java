package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.balance.CreditBalances;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.run.PricedBatch.CreditNoteDraft;
import de.kommunalmarkt.billing.run.PricedBatch.PricedInvoice;
import de.kommunalmarkt.common.outbox.OutboxBatch;
import de.kommunalmarkt.events.InvoiceIssued;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a priced batch in the execution's transaction, which the caller commits: the lines the pricing
 * formatted, then numbers for its credit notes and invoices from the year's gap-free sequence
 * ({@link InvoiceNumbers}), the invoice rows and VAT groups and the credit notes ({@link CreditNoteRows}), all by COPY; an
 * InvoiceIssued or CreditNoteIssued outbox row for each ({@link OutboxBatch}); the scaling-round contributions
 * the invoices bill marked billed ({@link RunContributions#markBilled}); and the credit balances offset
 * against the new invoices.
 */
final class BatchWriter {

    /** {@code created_by} of the credit notes a run issues. */
    static final String ISSUED_BY_RUN = "billing-run";

    /** What a batch issued, for the run's totals. */
    record Issued(int invoices, int lines, BigDecimal net, BigDecimal gross, int creditNotes) {
    }

    private final ObjectMapper json;

    BatchWriter(ObjectMapper json) {
        this.json = json;
    }

    Issued write(Connection c, RunRecord run, RunInputs inputs, PricedBatch batch) throws SQLException {
        List<PricedInvoice> invoices = batch.invoices();
        int year = run.issueDate().getYear();
        int documents = 0;
        for (PricedInvoice priced : invoices) {
            documents += (priced.draft() == null ? 0 : 1) + priced.creditNotes().size();
        }
        InvoiceRows rows = batch.rows();
        // The lines first: the year's counter stays locked from here to the commit, so the instances that write
        // other units of the run queue behind each other only for the invoice rows, not for their lines.
        rows.copyLines(c);
        long nextNumber = InvoiceNumbers.reserve(c, year, documents);
        CreditNoteRows creditNotes = new CreditNoteRows(run.id(), run.issueDate(), ISSUED_BY_RUN);
        OutboxBatch events = new OutboxBatch(json, invoices.size());
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        String period = run.period().toString();
        int invoiceCount = 0;
        for (PricedInvoice priced : invoices) {
            String ags = inputs.ags[priced.municipality()];
            for (CreditNoteDraft note : priced.creditNotes()) {
                String number = InvoiceNumbers.format(year, nextNumber++);
                events.add(creditNotes.add(note.id(), number, ags, note.corrects().correctsInvoice(),
                        note.corrects().correctsInvoiceNumber(), correctionReason(run, note), note.draft(),
                        note.rows().stream().map(row -> new CreditNoteRows.LineSource(row.contractId(), row.correctsLineNo()))
                                .toList()));
            }
            InvoiceDraft draft = priced.draft();
            if (draft == null) {
                continue;
            }
            invoiceCount++;
            String number = InvoiceNumbers.format(year, nextNumber++);
            rows.invoice(priced.invoiceId(), number, run, period, ags, inputs.buyers[priced.municipality()], draft,
                    priced.vatScope());
            events.add(new InvoiceIssued(priced.invoiceId().toString(), number, ags, period, run.issueDate(),
                    run.dueDate(), draft.net(), draft.vat(), draft.gross(), InvoiceRows.CURRENCY, run.id().toString()));
            net = net.add(draft.net());
            gross = gross.add(draft.gross());
        }
        rows.copyInvoices(c);
        // The contributions the invoices bill, marked billed in their transaction: billed exactly when written.
        Map<UUID, UUID> contributions = new HashMap<>();
        for (PricedInvoice priced : invoices) {
            priced.contributions().forEach(contribution -> contributions.put(contribution, priced.invoiceId()));
        }
        RunContributions.markBilled(c, run.id(), contributions);
        creditNotes.writeTo(c);
        events.writeTo(c);
        // Credit balances pay the invoices just written, in their transaction: no offset without its invoice.
        CreditBalances.offsetAgainst(c, invoices.stream().map(PricedInvoice::invoiceId).filter(Objects::nonNull).toList());
        return new Issued(invoiceCount, rows.lineCount(), net, gross, creditNotes.count());
    }

    private static String correctionReason(RunRecord run, CreditNoteDraft note) {
        String periods = String.join(", ", note.rows().stream().map(row -> row.period().toString()).distinct().toList());
        return "Korrektur " + periods + " nach nachträglich bekannt gewordenen Abrechnungsdaten (Abrechnungslauf "
                + run.period() + ")";
    }
}

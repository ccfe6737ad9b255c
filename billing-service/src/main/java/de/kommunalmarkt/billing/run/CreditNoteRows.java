package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.VatGroup;
import de.kommunalmarkt.common.jdbc.CopyText;
import de.kommunalmarkt.events.CreditNoteIssued;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Credit notes in COPY form — credit notes, their lines and VAT groups — written in the caller's transaction:
 * a billing run's batch (the corrections it issues, with the batch's invoices, so each is issued exactly once)
 * or a billing admin's credit note.
 */
public final class CreditNoteRows {

    static final String CURRENCY = "EUR";

    /**
     * Where a credit-note line comes from: the contract of its licence (null for a contribution), where known the invoice
     * line it credits, and for a CONTRIBUTION line the scaling-round contribution it credits (else null).
     */
    public record LineSource(Long contractId, Integer invoiceLineNo, UUID contributionId) {

        public LineSource(long contractId, Integer invoiceLineNo) {
            this(Long.valueOf(contractId), invoiceLineNo, null);
        }
    }

    private final UUID runId;
    private final LocalDate issueDate;
    private final String createdBy;
    private final CopyText notes = new CopyText("credit_note (id, number, invoice_id, run_id, municipality_ags, reason, "
            + "issue_date, net_total, vat_total, gross_total, currency, line_count, created_by, created_at)", 1024);
    private final CopyText lines = new CopyText("credit_note_line (credit_note_id, line_no, invoice_line_no, license_id, "
            + "contract_id, kind, period, billable_days, period_days, net_amount, vat_category, vat_rate, contribution_id)", 4096);
    private final CopyText vat = new CopyText("credit_note_vat (credit_note_id, group_no, vat_category, vat_rate, "
            + "exemption_reason, net_amount, vat_amount)", 1024);

    /** @param runId the run issuing corrections, null for a billing admin's credit note */
    public CreditNoteRows(UUID runId, LocalDate issueDate, String createdBy) {
        this.runId = runId;
        this.issueDate = issueDate;
        this.createdBy = createdBy;
    }

    /**
     * Adds a credit note whose lines are {@code draft}'s (each with the period it credits), {@code sources} in the
     * same order; returns its event.
     */
    public CreditNoteIssued add(UUID id, String number, String ags, UUID invoiceId, String invoiceNumber, String reason,
            InvoiceDraft draft, List<LineSource> sources) {
        notes.plain(id).plain(number).plain(invoiceId).plain(runId).plain(ags).text(reason).date(issueDate)
                .plain(draft.net()).plain(draft.vat()).plain(draft.gross()).plain(CURRENCY).number(draft.lines().size())
                .text(createdBy).plain(Instant.now()).endRow();
        for (int l = 0; l < draft.lines().size(); l++) {
            DraftLine line = draft.lines().get(l);
            LineSource source = sources.get(l);
            lines.plain(id).number(l + 1).plain(source.invoiceLineNo()).plain(line.licenseId()).plain(source.contractId())
                    .plain(line.kind()).plain(line.correctsPeriod())
                    .plain(line.billableDays() == null ? null : line.billableDays().days())
                    .number(line.correctsPeriod().days()).plain(line.netAmount()).plain(line.vatCategory())
                    .plain(line.vatRate()).plain(source.contributionId()).endRow();
        }
        for (int g = 0; g < draft.vatGroups().size(); g++) {
            VatGroup group = draft.vatGroups().get(g);
            vat.plain(id).number(g + 1).plain(group.category()).plain(group.rate()).text(group.exemptionReason())
                    .plain(group.net()).plain(group.vat()).endRow();
        }
        return new CreditNoteIssued(id.toString(), number, ags, invoiceId.toString(), invoiceNumber, issueDate,
                draft.net(), draft.vat(), draft.gross(), CURRENCY, reason, runId == null ? null : runId.toString());
    }

    public int count() {
        return notes.rowCount();
    }

    public void writeTo(Connection c) throws SQLException {
        if (count() > 0) {
            notes.copyInto(c);
            lines.copyInto(c);
            vat.copyInto(c);
        }
    }
}

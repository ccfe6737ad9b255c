package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.VatGroup;
import de.kommunalmarkt.common.jdbc.CopyText;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A batch's invoices in COPY form: {@code invoice}, {@code invoice_line} and {@code invoice_vat}. Lines and VAT
 * groups name their invoice by id, so they are formatted while the batch is priced, off the writing thread; the
 * invoice rows carry the numbers and are formatted when the batch is written.
 */
final class InvoiceRows {

    static final String CURRENCY = "EUR";

    private final CopyText invoices;
    private final CopyText lines;
    private final CopyText vatGroups;

    /** Room for the rows of about as many invoices as {@code municipalities}. */
    InvoiceRows(int municipalities) {
        invoices = new CopyText("invoice (id, number, run_id, period, municipality_ags, buyer_name, buyer_street, "
                + "buyer_postal_code, buyer_city, buyer_country_code, buyer_email, leitweg_id, issue_date, due_date, "
                + "net_total, vat_total, gross_total, currency, line_count, vat_scope)", municipalities * 400);
        lines = new CopyText("invoice_line (invoice_id, line_no, license_id, contract_id, kind, billable_days, "
                + "period_days, net_amount, vat_category, vat_rate, corrects_period, corrects_invoice, contribution_id)",
                municipalities * 100 * 120);
        vatGroups = new CopyText("invoice_vat (invoice_id, group_no, vat_category, vat_rate, exemption_reason, "
                + "net_amount, vat_amount)", municipalities * 160);
    }

    /**
     * A line of the invoice {@code invoiceKey} (its id as text); {@code correctsInvoice} is the invoice a catch-up
     * line corrects, else null.
     */
    void line(String invoiceKey, int lineNo, DraftLine line, long contractId, BillingPeriod period, UUID correctsInvoice) {
        lines.plain(invoiceKey).number(lineNo).plain(line.licenseId()).number(contractId)
                .plain(line.kind()).plain(line.billableDays() == null ? null : line.billableDays().days())
                .number(line.correctsPeriod() == null ? period.days() : line.correctsPeriod().days())
                .plain(line.netAmount()).plain(line.vatCategory()).plain(line.vatRate())
                .plain(line.correctsPeriod()).plain(correctsInvoice).plain(null).endRow();
    }

    /**
     * A scaling-round contribution's one-off line of the invoice {@code invoiceKey}: no licence, no contract, one piece;
     * it names its contribution (unique: a contribution is on one line at most).
     */
    void contributionLine(String invoiceKey, int lineNo, DraftLine line, UUID contributionId, BillingPeriod period) {
        lines.plain(invoiceKey).number(lineNo).plain(null).plain(null).plain(line.kind()).plain(null)
                .number(period.days()).plain(line.netAmount()).plain(line.vatCategory()).plain(line.vatRate())
                .plain(null).plain(null).plain(contributionId).endRow();
    }

    /** The VAT groups of the invoice {@code invoiceKey}, numbered from 1. */
    void vatGroups(String invoiceKey, InvoiceDraft draft) {
        for (int g = 0; g < draft.vatGroups().size(); g++) {
            VatGroup group = draft.vatGroups().get(g);
            vatGroups.plain(invoiceKey).number(g + 1).plain(group.category()).plain(group.rate())
                    .text(group.exemptionReason()).plain(group.net()).plain(group.vat()).endRow();
        }
    }

    /** The invoice itself, with its number and the buyer as the run fixed it. */
    void invoice(UUID id, String number, RunRecord run, String period, String ags, RunInputs.Buyer buyer,
            InvoiceDraft draft, PricedBatch.VatScope vatScope) {
        invoices.plain(id).plain(number).plain(run.id()).plain(period).plain(ags).text(buyer.name())
                .text(buyer.street()).text(buyer.postalCode()).text(buyer.city()).text(buyer.countryCode())
                .text(buyer.email()).text(buyer.leitwegId()).date(run.issueDate()).date(run.dueDate())
                .plain(draft.net()).plain(draft.vat()).plain(draft.gross()).plain(CURRENCY)
                .number(draft.lines().size()).plain(vatScope).endRow();
    }

    int lineCount() {
        return lines.rowCount();
    }

    /**
     * Copies the lines, in the connection's transaction. They need no number (and have no foreign key), so the
     * bulk of a batch is written before the batch takes its numbers and, with them, the lock on the year's counter.
     */
    void copyLines(Connection c) throws SQLException {
        lines.copyInto(c);
    }

    /** Copies the invoices (numbered by now), then their VAT groups, in the connection's transaction. */
    void copyInvoices(Connection c) throws SQLException {
        invoices.copyInto(c);
        vatGroups.copyInto(c);
    }
}

package de.kommunalmarkt.billing.creditnote;

import de.kommunalmarkt.billing.invoice.InvoiceView;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A credit note as its buyer and billing admins see it: the corrected invoice, the buyer as that invoice names it,
 * lines with positive amounts and the period each credits, and the VAT breakdown.
 */
public record CreditNoteView(
        UUID id,
        String number,
        String municipalityAgs,
        InvoiceView.Buyer buyer,
        LocalDate issueDate,
        CorrectedInvoice correctsInvoice,
        String reason,
        UUID runId,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency,
        List<Line> lines,
        List<InvoiceView.VatBreakdown> vatBreakdown) {

    /** The invoice a credit note corrects (BG-3). */
    public record CorrectedInvoice(UUID id, String number, LocalDate issueDate, String period) {
    }

    /**
     * A credited charge: {@code period} is the period it belongs to; {@code invoiceLineNo} the line credited, if one. A
     * credited scaling-round contribution (kind CONTRIBUTION) has no licence, plan, model or days, and names its round
     * ({@code roundId}, null on every other line).
     */
    public record Line(
            int lineNo,
            String description,
            String kind,
            UUID licenseId,
            String solutionId,
            String solutionName,
            String planId,
            String planName,
            PriceModel priceModel,
            String period,
            Integer billableDays,
            int periodDays,
            BigDecimal netAmount,
            String vatCategory,
            BigDecimal vatRate,
            String vatExemptionReason,
            Integer invoiceLineNo,
            String roundId) {
    }
}

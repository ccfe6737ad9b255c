package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice with its lines and VAT breakdown, as its buyer and billing admins see it; {@code status},
 * {@code openAmount} and the offset from the municipality's credit balance ({@code creditOffset}, null if
 * none) say where it stands with its payer.
 */
public record InvoiceView(
        UUID id,
        String number,
        String period,
        String municipalityAgs,
        Buyer buyer,
        LocalDate issueDate,
        LocalDate dueDate,
        BigDecimal netTotal,
        BigDecimal vatTotal,
        BigDecimal grossTotal,
        String currency,
        UUID runId,
        List<Line> lines,
        List<VatBreakdown> vatBreakdown,
        InvoiceStatus status,
        BigDecimal openAmount,
        Settlements.CreditOffset creditOffset) {

    /** The invoice as issued; {@link #settled} adds where it stands with its payer. */
    public InvoiceView(UUID id, String number, String period, String municipalityAgs, Buyer buyer, LocalDate issueDate,
            LocalDate dueDate, BigDecimal netTotal, BigDecimal vatTotal, BigDecimal grossTotal, String currency, UUID runId,
            List<Line> lines, List<VatBreakdown> vatBreakdown) {
        this(id, number, period, municipalityAgs, buyer, issueDate, dueDate, netTotal, vatTotal, grossTotal, currency,
                runId, lines, vatBreakdown, null, null, null);
    }

    public InvoiceView settled(Settlement settlement, Settlements.CreditOffset offset) {
        return new InvoiceView(id, number, period, municipalityAgs, buyer, issueDate, dueDate, netTotal, vatTotal,
                grossTotal, currency, runId, lines, vatBreakdown, settlement.status(), settlement.openAmount(), offset);
    }

    /** The municipality invoiced, with its Leitweg-ID (BT-10), as it was when the run started. */
    public record Buyer(String name, PostalAddress address, String leitwegId, String email) {
    }

    /**
     * {@code kind} USAGE (billableDays of periodDays), SETUP_FEE (one-time, no days) or CONTRIBUTION (a scaling
     * round's one-off contribution, "Skalierungsbeitrag": no licence, plan, model or days; {@code roundId} names the
     * round, null on every other line). A catch-up line bills a difference for an earlier period:
     * {@code correctsPeriod}, and the invoice that billed it before where there was one ({@code correctsInvoice},
     * {@code correctsInvoiceNumber}); all three are null on the period's own lines.
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
            Integer billableDays,
            int periodDays,
            BigDecimal netAmount,
            String vatCategory,
            BigDecimal vatRate,
            String vatExemptionReason,
            String correctsPeriod,
            UUID correctsInvoice,
            String correctsInvoiceNumber,
            String roundId) {
    }

    public record VatBreakdown(String category, BigDecimal rate, String exemptionReason, BigDecimal netAmount,
            BigDecimal vatAmount) {
    }
}

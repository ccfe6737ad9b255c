package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.events.PostalAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Between the invoice entities and the REST records. */
public final class InvoiceMapper {

    static InvoiceSummary summary(Invoice i) {
        return new InvoiceSummary(i.id, i.number, i.period, i.municipalityAgs, i.buyerName, i.issueDate, i.dueDate,
                i.netTotal, i.vatTotal, i.grossTotal, i.currency);
    }

    /**
     * @param contracts the contracts of the licence lines
     * @param contributions the scaling-round contributions of the CONTRIBUTION lines
     * @param correctedNumbers the numbers of the invoices the catch-up lines name, by id
     */
    static InvoiceView view(Invoice i, List<InvoiceLine> lines, List<InvoiceVat> vatGroups, LineContracts contracts,
            LineContributions contributions, Map<UUID, String> correctedNumbers) {
        return new InvoiceView(i.id, i.number, i.period, i.municipalityAgs,
                new InvoiceView.Buyer(i.buyerName,
                        new PostalAddress(i.buyerStreet, i.buyerPostalCode, i.buyerCity, i.buyerCountryCode),
                        i.leitwegId, i.buyerEmail),
                i.issueDate, i.dueDate, i.netTotal, i.vatTotal, i.grossTotal, i.currency, i.runId,
                lines.stream().map(line -> line.contributionId != null
                        ? contributionLine(line, contributions.of(line.contributionId))
                        : line(i.period, line, contracts.of(line.contractId), contracts.exemptionReason(line.contractId),
                                line.correctsInvoice == null ? null : correctedNumbers.get(line.correctsInvoice))).toList(),
                vatGroups.stream().map(g -> new InvoiceView.VatBreakdown(g.vatCategory, g.vatRate, g.exemptionReason,
                        g.netAmount, g.vatAmount)).toList());
    }

    private static InvoiceView.Line line(String period, InvoiceLine line, Contract contract, String exemptionReason,
            String correctedNumber) {
        String description = line.correctsPeriod == null
                ? description(period, line.kind, line.billableDays, line.periodDays, contract)
                : "Nachberechnung " + description(line.correctsPeriod, line.kind, line.billableDays, line.periodDays, contract);
        return new InvoiceView.Line(line.lineNo, description, line.kind, line.licenseId,
                contract.solutionId, contract.solutionName, contract.planId, contract.planName, contract.priceModel,
                line.billableDays == null ? null : line.billableDays.intValue(), line.periodDays, line.netAmount,
                line.vatCategory, line.vatRate, exemptionReason, line.correctsPeriod, line.correctsInvoice, correctedNumber,
                null);
    }

    /** A scaling-round contribution's one-off line: the solution it financed, no licence, plan or days. */
    private static InvoiceView.Line contributionLine(InvoiceLine line, LineContributions.Contribution contribution) {
        return new InvoiceView.Line(line.lineNo, contribution.description(), line.kind, null, contribution.solutionId(),
                contribution.solutionName(), null, null, null, null, line.periodDays, line.netAmount, line.vatCategory,
                line.vatRate, contribution.vatExemptionReason(), null, null, null, contribution.roundId());
    }

    /**
     * What a line charges (or credits) for a period, in the words of the invoice (German: the buyers are German
     * public bodies).
     */
    public static String description(String period, String kind, Short billableDays, short periodDays, Contract contract) {
        String what = contract.solutionName + " (" + contract.planName + ")";
        if ("SETUP_FEE".equals(kind)) {
            return what + ": einmalige Einrichtungsgebühr " + period;
        }
        String use = switch (contract.priceModel) {
            case COST_SHARING -> "Kostenumlage";
            default -> "Nutzung";
        };
        return what + ": " + use + " " + period + ", " + billableDays + " von " + periodDays + " Tagen";
    }

    private InvoiceMapper() {
    }
}

package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.events.PostalAddress;
import java.util.List;
import java.util.Map;

/** Between the invoice entities and the REST records. */
final class InvoiceMapper {

    static InvoiceSummary summary(Invoice i) {
        return new InvoiceSummary(i.id, i.number, i.period, i.municipalityAgs, i.buyerName, i.issueDate, i.dueDate,
                i.netTotal, i.vatTotal, i.grossTotal, i.currency);
    }

    /**
     * @param contracts the contracts of the lines, by id
     * @param exemptionReasons the VAT exemption reason of each contract that has one, by id
     */
    static InvoiceView view(Invoice i, List<InvoiceLine> lines, List<InvoiceVat> vatGroups, Map<Long, Contract> contracts,
            Map<Long, String> exemptionReasons) {
        return new InvoiceView(i.id, i.number, i.period, i.municipalityAgs,
                new InvoiceView.Buyer(i.buyerName,
                        new PostalAddress(i.buyerStreet, i.buyerPostalCode, i.buyerCity, i.buyerCountryCode),
                        i.leitwegId, i.buyerEmail),
                i.issueDate, i.dueDate, i.netTotal, i.vatTotal, i.grossTotal, i.currency, i.runId,
                lines.stream().map(line -> line(i.period, line, contracts.get(line.contractId),
                        exemptionReasons.get(line.contractId))).toList(),
                vatGroups.stream().map(g -> new InvoiceView.VatBreakdown(g.vatCategory, g.vatRate, g.exemptionReason,
                        g.netAmount, g.vatAmount)).toList());
    }

    private static InvoiceView.Line line(String period, InvoiceLine line, Contract contract, String exemptionReason) {
        return new InvoiceView.Line(line.lineNo, description(period, line, contract), line.kind, line.licenseId,
                contract.solutionId, contract.solutionName, contract.planId, contract.planName, contract.priceModel,
                line.billableDays == null ? null : line.billableDays.intValue(), line.periodDays, line.netAmount,
                line.vatCategory, line.vatRate, exemptionReason);
    }

    /** What the line charges for, in the words of the invoice (German: the buyers are German public bodies). */
    static String description(String period, InvoiceLine line, Contract contract) {
        String what = contract.solutionName + " (" + contract.planName + ")";
        if ("SETUP_FEE".equals(line.kind)) {
            return what + ": einmalige Einrichtungsgebühr";
        }
        String use = switch (contract.priceModel) {
            case COST_SHARING -> "Kostenumlage";
            default -> "Nutzung";
        };
        return what + ": " + use + " " + period + ", " + line.billableDays + " von " + line.periodDays + " Tagen";
    }

    private InvoiceMapper() {
    }
}

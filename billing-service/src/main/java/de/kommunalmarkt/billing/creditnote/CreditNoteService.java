package de.kommunalmarkt.billing.creditnote;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.invoice.Invoice;
import de.kommunalmarkt.billing.invoice.InvoiceLine;
import de.kommunalmarkt.billing.invoice.InvoiceMapper;
import de.kommunalmarkt.billing.invoice.InvoiceRepository;
import de.kommunalmarkt.billing.invoice.InvoiceService;
import de.kommunalmarkt.billing.invoice.InvoiceView;
import de.kommunalmarkt.billing.invoice.LineContracts;
import de.kommunalmarkt.billing.invoice.LineContributions;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.LineKind;
import de.kommunalmarkt.billing.run.CreditNoteRows;
import de.kommunalmarkt.billing.run.InvoiceNumbers;
import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.billing.view.ContractRepository;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.VatCategory;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Credit notes within the caller's scope, and a billing admin's credit note for an invoice. */
@ApplicationScoped
public class CreditNoteService {

    private final CreditNoteRepository creditNotes;
    private final InvoiceRepository invoices;
    private final ContractRepository contracts;
    private final DataSource dataSource;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Periods periods;

    public CreditNoteService(CreditNoteRepository creditNotes, InvoiceRepository invoices, ContractRepository contracts,
            DataSource dataSource, Outbox outbox, ObjectMapper json, Periods periods) {
        this.creditNotes = creditNotes;
        this.invoices = invoices;
        this.contracts = contracts;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.json = json;
        this.periods = periods;
    }

    public PageResult<CreditNoteSummary> list(InvoiceService.Scope scope, BillingPeriod period, String municipalityAgs,
            PageParams page) {
        String ags = scope.ofList(municipalityAgs, "credit notes");
        PanacheQuery<CreditNote> query = creditNotes.matching(period == null ? null : period.toString(), ags);
        return PageResult.of(query.page(Page.of(page.page, page.size)).list().stream().map(CreditNoteSummary::of).toList(),
                page, query.count());
    }

    public CreditNoteView get(InvoiceService.Scope scope, UUID id) {
        CreditNote note = creditNotes.findByIdOptional(id)
                .filter(found -> scope.covers(found.municipalityAgs))
                .orElseThrow(() -> ProblemException.notFound("Credit note", id));
        Invoice invoice = invoices.findById(note.invoiceId);
        List<CreditNoteLine> lines = creditNotes.lines(id);
        LineContracts lineContracts = LineContracts.load(contracts, json, lines.stream().map(line -> line.contractId).toList());
        LineContributions lineContributions = LineContributions.load(creditNotes.getEntityManager(),
                lines.stream().map(line -> line.contributionId).toList());
        return new CreditNoteView(note.id, note.number, note.municipalityAgs, buyer(invoice), note.issueDate,
                new CreditNoteView.CorrectedInvoice(invoice.id, invoice.number, invoice.issueDate, invoice.period),
                note.reason, note.runId, note.netTotal, note.vatTotal, note.grossTotal, note.currency,
                lines.stream().map(line -> line(line, lineContracts, lineContributions)).toList(),
                creditNotes.vatGroups(id).stream().map(g -> new InvoiceView.VatBreakdown(g.vatCategory, g.vatRate,
                        g.exemptionReason, g.netAmount, g.vatAmount)).toList());
    }

    /**
     * Issues a billing admin's credit note for lines of the invoice: each amount positive and not above what is
     * still uncredited of its line (by earlier credit notes, manual or from corrections). The invoice row is locked,
     * so two credit notes for the same invoice cannot both take the same remainder.
     */
    @Transactional
    public CreditNoteView issue(UUID invoiceId, CreditNoteRequest request, String issuedBy) {
        Invoice invoice = invoices.findByIdOptional(invoiceId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Invoice", invoiceId));
        Map<Short, InvoiceLine> lines = new java.util.HashMap<>();
        invoices.lines(invoiceId).forEach(line -> lines.put(line.lineNo, line));
        Map<Short, BigDecimal> credited = creditNotes.creditedPerLine(invoiceId);
        List<Problem.Violation> violations = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            CreditNoteRequest.Line wanted = request.lines().get(i);
            InvoiceLine line = lines.get(wanted.lineNo().shortValue());
            if (line == null || wanted.lineNo() > Short.MAX_VALUE) {
                violations.add(new Problem.Violation("lines[" + i + "].lineNo", "the invoice " + invoice.number
                        + " has no line " + wanted.lineNo() + " (it has lines 1 to " + lines.size() + ")"));
                continue;
            }
            if (!seen.add(wanted.lineNo())) {
                violations.add(new Problem.Violation("lines[" + i + "].lineNo", "line " + wanted.lineNo() + " is named twice"));
                continue;
            }
            BigDecimal open = line.netAmount.subtract(credited.getOrDefault(line.lineNo, BigDecimal.ZERO));
            if (wanted.amount().compareTo(open) > 0) {
                violations.add(new Problem.Violation("lines[" + i + "].amount", "at most " + open.toPlainString()
                        + " of line " + wanted.lineNo() + " is still uncredited"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The credit note cannot be issued as asked", violations);
        }
        LineContracts lineContracts = LineContracts.load(contracts, json,
                lines.values().stream().map(line -> line.contractId).toList());
        LineContributions lineContributions = LineContributions.load(creditNotes.getEntityManager(),
                lines.values().stream().map(line -> line.contributionId).toList());
        List<DraftLine> draftLines = new ArrayList<>();
        List<CreditNoteRows.LineSource> sources = new ArrayList<>();
        for (CreditNoteRequest.Line wanted : request.lines()) {
            InvoiceLine line = lines.get(wanted.lineNo().shortValue());
            if (line.contributionId != null) {
                // a scaling-round contribution: credited with the VAT it was billed with
                draftLines.add(DraftLine.contribution(wanted.amount(), VatCategory.valueOf(line.vatCategory),
                        line.vatRate.stripTrailingZeros(), lineContributions.of(line.contributionId).vatExemptionReason(),
                        BillingPeriod.parse(invoice.period)));
                sources.add(new CreditNoteRows.LineSource(null, (int) line.lineNo, line.contributionId));
                continue;
            }
            Contract contract = lineContracts.of(line.contractId);
            ContractTerms terms = ContractTerms.frozen(LineContracts.terms(json, contract));
            BillingPeriod period = BillingPeriod.parse(line.correctsPeriod == null ? invoice.period : line.correctsPeriod);
            draftLines.add(new DraftLine(line.licenseId.toString(),
                    LineKind.valueOf(line.kind), contract.priceModel,
                    line.billableDays == null ? null : new BillableDays(line.billableDays, line.periodDays),
                    wanted.amount(), terms.vatCategory(), line.vatRate, terms.vatExemptionReason(), period));
            sources.add(new CreditNoteRows.LineSource(line.contractId, (int) line.lineNo));
        }
        InvoiceDraft draft = InvoiceDraft.of(draftLines);
        LocalDate today = periods.today();
        UUID id = UUID.randomUUID();
        CreditNoteRows rows = new CreditNoteRows(null, today, issuedBy);
        try (Connection c = dataSource.getConnection()) {
            String number = InvoiceNumbers.format(today.getYear(), InvoiceNumbers.reserve(c, today.getYear(), 1));
            outbox.publish(rows.add(id, number, invoice.municipalityAgs, invoice.id, invoice.number, request.reason().strip(),
                    draft, sources));
            rows.writeTo(c);
        } catch (SQLException e) {
            throw new IllegalStateException("credit note for invoice " + invoice.number + " could not be written", e);
        }
        creditNotes.getEntityManager().flush();
        return get(InvoiceService.Scope.everything(), id);
    }

    private static InvoiceView.Buyer buyer(Invoice i) {
        return new InvoiceView.Buyer(i.buyerName, new PostalAddress(i.buyerStreet, i.buyerPostalCode, i.buyerCity,
                i.buyerCountryCode), i.leitwegId, i.buyerEmail);
    }

    private static CreditNoteView.Line line(CreditNoteLine line, LineContracts contracts, LineContributions contributions) {
        if (line.contributionId != null) {
            LineContributions.Contribution contribution = contributions.of(line.contributionId);
            return new CreditNoteView.Line(line.lineNo, "Gutschrift " + contribution.description(), line.kind, null,
                    contribution.solutionId(), contribution.solutionName(), null, null, null, line.period, null,
                    line.periodDays, line.netAmount, line.vatCategory, line.vatRate, contribution.vatExemptionReason(),
                    line.invoiceLineNo == null ? null : line.invoiceLineNo.intValue(), contribution.roundId());
        }
        Contract contract = contracts.of(line.contractId);
        return new CreditNoteView.Line(line.lineNo, "Gutschrift " + InvoiceMapper.description(line.period, line.kind,
                line.billableDays, line.periodDays, contract), line.kind, line.licenseId, contract.solutionId,
                contract.solutionName, contract.planId, contract.planName, contract.priceModel, line.period,
                line.billableDays == null ? null : line.billableDays.intValue(), line.periodDays, line.netAmount,
                line.vatCategory, line.vatRate, contracts.exemptionReason(line.contractId),
                line.invoiceLineNo == null ? null : line.invoiceLineNo.intValue(), null);
    }
}

package de.kommunalmarkt.billing.payment;

import de.kommunalmarkt.billing.invoice.Invoice;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Imports camt.053 bank statements: every booked credit entry is recorded once (unique per account and
 * entry reference, a constraint) and booked as a payment of the invoice its remittance information names;
 * the others wait in the unmatched list until a billing admin assigns them. One statement, one transaction.
 */
@ApplicationScoped
public class Camt053Import {

    private static final String EUR = "EUR";

    private final EntityManager em;
    private final BankEntryRepository entries;
    private final PaymentService payments;
    private final Clock clock;

    public Camt053Import(EntityManager em, BankEntryRepository entries, PaymentService payments, Clock clock) {
        this.em = em;
        this.entries = entries;
        this.payments = payments;
        this.clock = clock;
    }

    @Transactional
    public Camt053ImportResult importStatement(byte[] xml, String importedBy) {
        Camt053Statement statement;
        try {
            statement = Camt053Statement.parse(xml);
        } catch (Camt053Statement.UnreadableStatementException e) {
            throw ProblemException.badRequest("body", "not a readable camt.053 statement: " + e.getMessage());
        }
        if (statement.accountIban().length() > 34) {
            throw ProblemException.badRequest("body", "the account IBAN is longer than 34 characters");
        }
        int booked = 0;
        int duplicates = 0;
        List<UnmatchedEntryView> unmatched = new ArrayList<>();
        for (Camt053Statement.Entry entry : statement.entries()) {
            if (!entry.credit() || !entry.booked()) {
                continue;
            }
            Optional<BankEntry> recorded = record(statement.accountIban(), entry, importedBy);
            if (recorded.isEmpty()) {
                duplicates++;
                continue;
            }
            BankEntry row = recorded.get();
            Match match = match(entry);
            if (match.invoice() != null) {
                row.paymentId = payments.book(match.invoice(), entry.amount(), entry.bookedOn(), entry.reference(),
                        Payment.Source.CAMT053, importedBy).id();
                booked++;
            } else {
                row.unmatchedReason = match.reason();
                unmatched.add(UnmatchedEntryView.of(row));
            }
        }
        return new Camt053ImportResult(booked, duplicates, unmatched);
    }

    /** Unmatched entries, oldest booking first. */
    public PageResult<UnmatchedEntryView> unmatched(PageParams page) {
        PanacheQuery<BankEntry> query = entries.find("paymentId is null", Sort.by("bookedOn").and("entryReference"));
        return PageResult.of(query.page(Page.of(page.page, page.size)).list().stream().map(UnmatchedEntryView::of).toList(),
                page, query.count());
    }

    /** Books an unmatched entry as a payment of the invoice a billing admin found for it. */
    @Transactional
    public PaymentView assign(UUID entryId, UUID invoiceId, String assignedBy) {
        BankEntry entry = Optional.ofNullable(em.find(BankEntry.class, entryId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> ProblemException.notFound("Unmatched bank entry", entryId));
        if (entry.paymentId != null) {
            throw ProblemException.conflict("bank entry " + entry.entryReference + " is already booked as payment "
                    + entry.paymentId);
        }
        if (!EUR.equals(entry.currency)) {
            throw ProblemException.unprocessable("bank entry " + entry.entryReference + " is in " + entry.currency
                    + "; invoices are paid in EUR");
        }
        Invoice invoice = payments.lockedInvoice(invoiceId).orElseThrow(() -> ProblemException.unprocessable(
                "invoice " + invoiceId + " does not exist", List.of(new Problem.Violation("invoiceId", "no such invoice"))));
        PaymentView payment = payments.book(invoice, entry.amount, entry.bookedOn, entry.entryReference,
                Payment.Source.CAMT053, assignedBy);
        entry.paymentId = payment.id();
        entry.unmatchedReason = null;
        return payment;
    }

    /** The entry, newly recorded; empty if this account's entry with that reference was imported before. */
    private Optional<BankEntry> record(String iban, Camt053Statement.Entry entry, String importedBy) {
        UUID id = UUID.randomUUID();
        String remittance = String.join(" | ", entry.remittance());
        int inserted = em.createNativeQuery("""
                insert into bank_entry (id, account_iban, entry_reference, amount, currency, booked_on, debtor_name,
                    remittance, imported_by, imported_at)
                values (:id, :iban, :reference, :amount, :currency, :bookedOn, :debtor, :remittance, :by, :at)
                on conflict (account_iban, entry_reference) do nothing""")
                .setParameter("id", id).setParameter("iban", iban).setParameter("reference", entry.reference())
                .setParameter("amount", entry.amount()).setParameter("currency", entry.currency())
                .setParameter("bookedOn", entry.bookedOn()).setParameter("debtor", entry.debtorName())
                .setParameter("remittance", remittance.length() > 2000 ? remittance.substring(0, 2000) : remittance)
                .setParameter("by", importedBy).setParameter("at", Instant.now(clock))
                .executeUpdate();
        return inserted == 1 ? Optional.of(entries.findById(id)) : Optional.empty();
    }

    /** The invoice an entry pays, or why none was found. */
    private record Match(Invoice invoice, String reason) {
    }

    private Match match(Camt053Statement.Entry entry) {
        if (entry.reversal()) {
            return new Match(null, "a reversal (RvslInd): correct the payment it reverses by hand");
        }
        if (!EUR.equals(entry.currency())) {
            return new Match(null, "in " + entry.currency() + "; invoices are paid in EUR");
        }
        Set<String> numbers = entry.invoiceNumbers();
        if (numbers.isEmpty()) {
            return new Match(null, "no invoice number (KM-YYYY-NNNNNN) in the remittance information");
        }
        if (numbers.size() > 1) {
            return new Match(null, "several invoice numbers " + numbers + ": assign it to one by hand");
        }
        String number = numbers.iterator().next();
        List<Invoice> found = em.createQuery("from Invoice where number = :number", Invoice.class)
                .setParameter("number", number).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return found.isEmpty() ? new Match(null, "no invoice " + number) : new Match(found.get(0), null);
    }
}

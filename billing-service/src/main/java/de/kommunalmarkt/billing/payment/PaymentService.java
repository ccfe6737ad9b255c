package de.kommunalmarkt.billing.payment;

import de.kommunalmarkt.billing.invoice.Invoice;
import de.kommunalmarkt.billing.invoice.Settlement;
import de.kommunalmarkt.billing.invoice.Settlements;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.PaymentBooked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Books payments against invoices and announces them ({@code PaymentBooked}, through the outbox). */
@ApplicationScoped
public class PaymentService {

    private static final String CURRENCY = "EUR";

    private final EntityManager em;
    private final Settlements settlements;
    private final Outbox outbox;
    private final Clock clock;

    public PaymentService(EntityManager em, Settlements settlements, Outbox outbox, Clock clock) {
        this.em = em;
        this.settlements = settlements;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A payment a billing admin records by hand. */
    @Transactional
    public PaymentView book(UUID invoiceId, PaymentRequest request, String bookedBy) {
        LocalDate today = LocalDate.now(clock);
        if (request.paidOn().isAfter(today)) {
            throw ProblemException.badRequest("paidOn", "must not be in the future (today is " + today + ")");
        }
        Invoice invoice = lockedInvoice(invoiceId)
                .orElseThrow(() -> ProblemException.notFound("Invoice", invoiceId));
        return book(invoice, request.amount(), request.paidOn(), request.reference().strip(), Payment.Source.MANUAL,
                bookedBy);
    }

    /**
     * The invoice, locked until the transaction ends: payments of one invoice are booked one after the other,
     * so the status each {@code PaymentBooked} reports is the one the invoice really had.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Invoice> lockedInvoice(UUID invoiceId) {
        return Optional.ofNullable(em.find(Invoice.class, invoiceId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Books the payment against the (locked) invoice in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PaymentView book(Invoice invoice, BigDecimal amount, LocalDate paidOn, String reference,
            Payment.Source source, String bookedBy) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.invoiceId = invoice.id;
        payment.municipalityAgs = invoice.municipalityAgs;
        payment.amount = amount.setScale(2);
        payment.paidOn = paidOn;
        payment.reference = reference;
        payment.source = source.name();
        payment.bookedBy = bookedBy;
        payment.bookedAt = Instant.now(clock);
        em.persist(payment);
        em.flush();
        Settlement settlement = settlements.of(invoice.id);
        outbox.publish(new PaymentBooked(payment.id.toString(), invoice.id.toString(), invoice.number,
                invoice.municipalityAgs, payment.amount, CURRENCY, paidOn, reference, source.name(),
                settlement.status().name()));
        return new PaymentView(payment.id, invoice.id, invoice.number, invoice.municipalityAgs, payment.amount, paidOn,
                reference, source, settlement.status(), settlement.openAmount());
    }
}

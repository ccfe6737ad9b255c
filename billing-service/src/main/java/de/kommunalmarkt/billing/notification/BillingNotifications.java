package de.kommunalmarkt.billing.notification;

import de.kommunalmarkt.billing.creditnote.CreditNoteService;
import de.kommunalmarkt.billing.creditnote.CreditNoteView;
import de.kommunalmarkt.billing.creditnote.CreditNoteXRechnung;
import de.kommunalmarkt.billing.invoice.InvoiceService;
import de.kommunalmarkt.billing.invoice.InvoiceView;
import de.kommunalmarkt.billing.invoice.XRechnungWriter;
import de.kommunalmarkt.billing.statement.StatementService;
import de.kommunalmarkt.billing.statement.StatementView;
import de.kommunalmarkt.billing.view.Municipality;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.common.notification.MailOutbox;
import de.kommunalmarkt.common.notification.Notification;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.BillingRunCompleted;
import de.kommunalmarkt.events.CreditNoteIssued;
import de.kommunalmarkt.events.InvoiceIssued;
import de.kommunalmarkt.events.InvoiceOverdue;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tells municipalities by e-mail what billing's own events mean for them: an adopter of each invoice and
 * credit note (with its XRechnung attached) and of each dunning level; a provider that its statement of a
 * period is ready once a billing run completed it.
 *
 * <p>It consumes {@code billing.invoices} through the inbox: the mail row is written in the transaction that
 * records the event as processed, under a notification key (event id and kind; a provider's statement per
 * period and provider), so a redelivered or replayed event, or a second run of a period, sends nothing twice.
 */
@ApplicationScoped
public class BillingNotifications implements EventConsumer {

    static final String CONSUMER = "billing-notifications";
    private static final Logger LOG = Logger.getLogger(BillingNotifications.class);
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invoiceIssued(String buyerName, String number, String period, String issueDate,
                String dueDate, String net, String vat, String gross);

        static native TemplateInstance creditNoteIssued(String buyerName, String number, String invoiceNumber, String reason,
                String gross);

        static native TemplateInstance invoiceOverdue(String buyerName, String level, String number, String dueDate,
                int daysOverdue, String openAmount, boolean last);

        static native TemplateInstance statementReady(String providerName, String period, int revenues, String netRevenue,
                String platformFee, String payout);
    }

    private final IdempotentConsumer inbox;
    private final MailOutbox mails;
    private final InvoiceService invoices;
    private final XRechnungWriter invoiceXml;
    private final CreditNoteService creditNotes;
    private final CreditNoteXRechnung creditNoteXml;
    private final StatementService statements;
    private final MunicipalityRepository municipalities;

    public BillingNotifications(IdempotentConsumer inbox, MailOutbox mails, InvoiceService invoices, XRechnungWriter invoiceXml,
            CreditNoteService creditNotes, CreditNoteXRechnung creditNoteXml, StatementService statements,
            MunicipalityRepository municipalities) {
        this.inbox = inbox;
        this.mails = mails;
        this.invoices = invoices;
        this.invoiceXml = invoiceXml;
        this.creditNotes = creditNotes;
        this.creditNoteXml = creditNoteXml;
        this.statements = statements;
        this.municipalities = municipalities;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(CONSUMER, this::apply);
    }

    @Incoming("notify-invoices")
    @Blocking
    public void onBillingEvent(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    void apply(ReceivedEvent event) {
        switch (event.type()) {
            case INVOICE_ISSUED -> invoiceIssued(event.id(), event.as(InvoiceIssued.class));
            case CREDIT_NOTE_ISSUED -> creditNoteIssued(event.id(), event.as(CreditNoteIssued.class));
            case INVOICE_OVERDUE -> invoiceOverdue(event.id(), event.as(InvoiceOverdue.class));
            case BILLING_RUN_COMPLETED -> statementsReady(event.as(BillingRunCompleted.class));
            default -> {
                // payments need no mail
            }
        }
    }

    private void invoiceIssued(UUID eventId, InvoiceIssued e) {
        InvoiceView invoice = invoices.get(InvoiceService.Scope.everything(), UUID.fromString(e.invoiceId()));
        Notification mail = notification(eventId + "/invoice", invoice.buyer().email(),
                "Rechnung " + invoice.number() + " für " + invoice.period(),
                Templates.invoiceIssued(invoice.buyer().name(), invoice.number(), invoice.period(), date(invoice.issueDate()),
                        date(invoice.dueDate()), euro(invoice.netTotal()), euro(invoice.vatTotal()), euro(invoice.grossTotal())));
        if (mail != null) {
            mails.queue(mail.withAttachment(invoice.number() + ".xml", "application/xml", invoiceXml.write(invoice)));
        }
    }

    private void creditNoteIssued(UUID eventId, CreditNoteIssued e) {
        CreditNoteView note = creditNotes.get(InvoiceService.Scope.everything(), UUID.fromString(e.creditNoteId()));
        Notification mail = notification(eventId + "/credit-note", note.buyer().email(),
                "Gutschrift " + note.number() + " zur Rechnung " + note.correctsInvoice().number(),
                Templates.creditNoteIssued(note.buyer().name(), note.number(), note.correctsInvoice().number(), note.reason(),
                        euro(note.grossTotal())));
        if (mail != null) {
            mails.queue(mail.withAttachment(note.number() + ".xml", "application/xml", creditNoteXml.write(note)));
        }
    }

    private void invoiceOverdue(UUID eventId, InvoiceOverdue e) {
        InvoiceView invoice = invoices.get(InvoiceService.Scope.everything(), UUID.fromString(e.invoiceId()));
        String level = switch (e.level()) {
            case "REMINDER" -> "Zahlungserinnerung";
            case "FIRST_NOTICE" -> "1. Mahnung";
            case "FINAL_NOTICE" -> "2. Mahnung";
            default -> "Mahnung";
        };
        Notification mail = notification(eventId + "/dunning", invoice.buyer().email(),
                level + " zur Rechnung " + e.invoiceNumber(),
                Templates.invoiceOverdue(invoice.buyer().name(), level, e.invoiceNumber(), date(e.dueDate()), e.daysOverdue(),
                        euro(e.openAmount()), "FINAL_NOTICE".equals(e.level())));
        if (mail != null) {
            mails.queue(mail);
        }
    }

    /** Every provider that earned something in the run's period hears once per period that its statement is ready. */
    private void statementsReady(BillingRunCompleted e) {
        BillingPeriod period = BillingPeriod.parse(e.period());
        PageParams page = new PageParams(0, PageParams.MAX_SIZE);
        PageResult<StatementView> result;
        do {
            result = statements.all(period, page);
            for (StatementView statement : result.items()) {
                Municipality provider = municipalities.findByIdOptional(statement.providerAgs()).orElse(null);
                Notification mail = notification("statement/" + e.period() + "/" + statement.providerAgs(),
                        provider == null ? null : provider.contactEmail,
                        "Ihre Abrechnung für " + e.period() + " liegt vor",
                        Templates.statementReady(provider == null ? "Gemeinde " + statement.providerAgs() : provider.name,
                                e.period(), statement.revenues().size(), euro(statement.netRevenue()),
                                euro(statement.platformFee()), euro(statement.payout())));
                if (mail != null) {
                    mails.queue(mail);
                }
            }
            page = new PageParams(page.page + 1, page.size);
        } while ((long) page.page * page.size < result.total());
    }

    private static Notification notification(String key, String recipient, String subject, TemplateInstance body) {
        if (recipient == null || recipient.isBlank()) {
            LOG.warnf("No contact e-mail for notification %s: not sent", key);
            return null;
        }
        return Notification.of(key, recipient, subject, body.render());
    }

    private static String date(LocalDate day) {
        return day.format(GERMAN_DATE);
    }

    private static String euro(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.GERMANY);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " EUR";
    }
}

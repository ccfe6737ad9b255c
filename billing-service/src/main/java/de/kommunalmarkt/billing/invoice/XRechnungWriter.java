package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.billing.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import org.mustangproject.BankDetails;
import org.mustangproject.Contact;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.Product;
import org.mustangproject.ReferencedDocument;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;

/**
 * An invoice as XRechnung 3.0 (EN 16931 CIUS, UN/CEFACT CII syntax), built with the Mustang project's
 * library: seller from configuration, the municipality as buyer with its Leitweg-ID as buyer reference
 * (BT-10), one line per invoice line (one piece at its net amount, so Mustang's sums are ours), each
 * line's VAT category, rate and exemption reason, SEPA credit transfer to the seller's account, payment
 * terms and due date, the billing period as invoicing period (BG-14).
 */
@ApplicationScoped
public class XRechnungWriter {

    /** UN/ECE Rec 20 "one" (piece): every line is one charge at its net amount. */
    private static final String UNIT_ONE = "C62";
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final BillingConfig.Seller seller;

    public XRechnungWriter(BillingConfig config) {
        this.seller = config.seller();
    }

    public byte[] write(InvoiceView invoice) {
        Invoice document = document(invoice.number(), invoice.issueDate(), invoice.dueDate(), invoice.currency(),
                invoice.buyer(), invoice.municipalityAgs(), invoice.lines().stream().map(InvoiceView.Line::vatCategory).toList())
                .setPaymentTermDescription("Zahlbar ohne Abzug bis " + GERMAN_DATE.format(invoice.dueDate()));
        // The invoicing period (BG-14) must cover every line's period (PEPPOL-EN16931-R110): with catch-up lines it
        // starts with the earliest period they correct.
        String earliest = invoice.lines().stream().map(InvoiceView.Line::correctsPeriod).filter(Objects::nonNull)
                .min(String::compareTo).filter(period -> period.compareTo(invoice.period()) < 0).orElse(invoice.period());
        LocalDate lastDay = LocalDate.parse(invoice.period() + "-01").plusMonths(1).minusDays(1);
        document.setDetailedDeliveryPeriod(date(LocalDate.parse(earliest + "-01")), date(lastDay));
        for (InvoiceView.Line line : invoice.lines()) {
            Item item = item(line.description(), line.planId(), line.netAmount(), line.vatCategory(), line.vatRate(),
                    line.vatExemptionReason());
            if (line.correctsPeriod() != null) {
                period(item, line.correctsPeriod());
            }
            document.addItem(item);
        }
        // Catch-up lines name the invoice that billed their period before (BG-3, preceding invoice reference).
        invoice.lines().stream().filter(line -> line.correctsInvoiceNumber() != null)
                .map(InvoiceView.Line::correctsInvoiceNumber).distinct()
                .forEach(number -> document.addInvoiceReferencedDocument(new ReferencedDocument(number)));
        if (invoice.creditOffset() != null) {
            // The municipality's credit balance pays part of this invoice: paid amount BT-113 (so the amount due,
            // BT-115, is what is left) and a note naming the documents the balance came from.
            document.setTotalPrepaidAmount(invoice.creditOffset().amount()).addNote(invoice.creditOffset().reference());
        }
        return xml(document);
    }

    /**
     * A document from the seller of configuration to the buyer, with the Leitweg-ID as buyer reference (BT-10);
     * {@code vatCategories} are those of its lines (one invoice never mixes O with others).
     */
    public Invoice document(String number, LocalDate issueDate, LocalDate dueDate, String currency,
            InvoiceView.Buyer buyer, String ags, java.util.Collection<String> vatCategories) {
        return new Invoice()
                .setNumber(number)
                .setIssueDate(date(issueDate))
                .setDueDate(date(dueDate))
                .setCurrency(currency)
                .setSender(seller(!vatCategories.isEmpty() && vatCategories.stream().allMatch("O"::equals)))
                .setRecipient(buyer(buyer, ags))
                .setReferenceNumber(buyer.leitwegId());
    }

    public static Item item(String description, String planId, BigDecimal net, String vatCategory, BigDecimal vatRate,
            String exemptionReason) {
        Product product = new Product(description, null, UNIT_ONE, vatRate.movePointRight(2))
                .setTaxCategoryCode(vatCategory)
                .setSellerAssignedID(planId);
        if (exemptionReason != null) {
            product.setTaxExemptionReason(exemptionReason);
        }
        return new Item(product, net, BigDecimal.ONE);
    }

    /** The line's own period (BG-26): the month it bills or credits. */
    public static Item period(Item item, String period) {
        LocalDate firstDay = LocalDate.parse(period + "-01");
        return item.setDetailedDeliveryPeriod(date(firstDay), date(firstDay.plusMonths(1).minusDays(1)));
    }

    public static byte[] xml(Invoice document) {
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName("XRECHNUNG"));
        provider.generateXML(document);
        return provider.getXML();
    }

    /**
     * The seller. A document whose lines are not subject to VAT (category O) must not carry the seller's VAT id
     * (BR-O-02); it names the seller by its tax number (BT-32) and its identifier (BT-29, BR-CO-26) instead.
     */
    private TradeParty seller(boolean notSubjectToVat) {
        TradeParty party = new TradeParty(seller.name(), seller.street(), seller.postalCode(), seller.city(),
                seller.countryCode())
                .setID(seller.id())
                .setEmail(seller.email())
                .setContact(new Contact(seller.contactName(), seller.contactPhone(), seller.email()));
        party.addBankDetails(new BankDetails(seller.iban(), seller.bic().orElse(null)));
        return notSubjectToVat ? party.setTaxID(seller.taxNumber()) : party.setVATID(seller.vatId());
    }

    private static TradeParty buyer(InvoiceView.Buyer buyer, String ags) {
        return new TradeParty(buyer.name(), buyer.address().street(), buyer.address().postalCode(),
                buyer.address().city(), buyer.address().countryCode())
                .setID(ags)
                .setEmail(buyer.email());
    }

    /** Mustang writes dates in the JVM's zone; noon keeps the calendar day whatever that zone is. */
    public static Date date(LocalDate day) {
        return Date.from(day.atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant());
    }
}

package de.kommunalmarkt.billing.invoice;

import de.kommunalmarkt.billing.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.mustangproject.BankDetails;
import org.mustangproject.Contact;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.Product;
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
        Invoice document = new Invoice()
                .setNumber(invoice.number())
                .setIssueDate(date(invoice.issueDate()))
                .setDueDate(date(invoice.dueDate()))
                .setCurrency(invoice.currency())
                .setSender(seller())
                .setRecipient(buyer(invoice.buyer(), invoice.municipalityAgs()))
                .setReferenceNumber(invoice.buyer().leitwegId())
                .setPaymentTermDescription("Zahlbar ohne Abzug bis " + GERMAN_DATE.format(invoice.dueDate()));
        LocalDate firstDay = LocalDate.parse(invoice.period() + "-01");
        document.setDetailedDeliveryPeriod(date(firstDay), date(firstDay.plusMonths(1).minusDays(1)));
        for (InvoiceView.Line line : invoice.lines()) {
            Product product = new Product(line.description(), null, UNIT_ONE, line.vatRate().movePointRight(2))
                    .setTaxCategoryCode(line.vatCategory())
                    .setSellerAssignedID(line.planId());
            if (line.vatExemptionReason() != null) {
                product.setTaxExemptionReason(line.vatExemptionReason());
            }
            document.addItem(new Item(product, line.netAmount(), BigDecimal.ONE));
        }
        if (invoice.creditOffset() != null) {
            // The municipality's credit balance pays part of this invoice: paid amount BT-113 (so the amount due,
            // BT-115, is what is left) and a note naming the documents the balance came from.
            document.setTotalPrepaidAmount(invoice.creditOffset().amount()).addNote(invoice.creditOffset().reference());
        }
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName("XRECHNUNG"));
        provider.generateXML(document);
        return provider.getXML();
    }

    private TradeParty seller() {
        TradeParty party = new TradeParty(seller.name(), seller.street(), seller.postalCode(), seller.city(),
                seller.countryCode())
                .setVATID(seller.vatId())
                .setEmail(seller.email())
                .setContact(new Contact(seller.contactName(), seller.contactPhone(), seller.email()));
        party.addBankDetails(new BankDetails(seller.iban(), seller.bic().orElse(null)));
        return party;
    }

    private static TradeParty buyer(InvoiceView.Buyer buyer, String ags) {
        return new TradeParty(buyer.name(), buyer.address().street(), buyer.address().postalCode(),
                buyer.address().city(), buyer.address().countryCode())
                .setID(ags)
                .setEmail(buyer.email());
    }

    /** Mustang writes dates in the JVM's zone; noon keeps the calendar day whatever that zone is. */
    private static Date date(LocalDate day) {
        return Date.from(day.atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant());
    }
}

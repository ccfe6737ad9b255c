package de.kommunalmarkt.billing.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.dunning.DailyDunningJob;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.time.TimeConfig;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestMailbox;
import de.kommunalmarkt.testsupport.TestMailbox.ReceivedMail;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * The municipalities billing must tell are told, by a real SMTP server's account: the adopter of its invoice
 * and credit note, each with an XRechnung attached that the Mustang validator accepts, and of a dunning level;
 * the provider that its statement is ready. Each mail arrives once, also when the event is delivered again
 * or the period is billed again.
 */
@QuarkusTest
class BillingNotificationsTest {

    static final String PERIOD = "2023-05";
    static final String PROVIDER = "03254021";
    static final String ADOPTER = "03159016";
    static final Duration ARRIVAL = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(2);

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    DailyDunningJob dunning;

    @Inject
    TimeConfig time;

    private static Predicate<ReceivedMail> to(String ags, String subjectPart) {
        return mail -> mail.isTo("rechnung@" + ags + ".example") && mail.subject().contains(subjectPart);
    }

    private static ReceivedMail once(Predicate<ReceivedMail> which) {
        TestMailbox.awaitAny(which, ARRIVAL);
        List<ReceivedMail> mails = TestMailbox.settled(which, SETTLE);
        assertThat(mails).as("mails that match").hasSize(1);
        return mails.get(0);
    }

    private static void assertValidXRechnung(byte[] xml, String name) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(xml, name);
        assertThat(validator.wasCompletelyValid()).as("validation report of %s:%n%s", name, report).isTrue();
        assertThat(report).contains("xrechnung_3.0");
    }

    @Test
    void invoiceCreditNoteDunningAndStatementEachReachTheirMunicipalityOnce() {
        ContractEvents events = new ContractEvents(json);
        events.municipality(PROVIDER, "Hildesheim", 1_150_000);
        PaymentsApi.seed(json, licenses, municipalities, PROVIDER, List.of(new PaymentsApi.Adopter(ADOPTER, "Göttingen",
                250_000, Plans.flat("200.00"), LocalDate.parse("2023-05-01"), LocalDate.parse("2023-05-31"))));

        KafkaEvents kafka = events.kafka();
        var before = kafka.endOffsets(Topics.BILLING_INVOICES);
        BillingApi.bill(PERIOD);
        String invoiceId = PaymentsApi.invoiceId(PERIOD, ADOPTER);
        JsonPath invoice = BillingApi.invoice(invoiceId);
        String number = invoice.getString("number");

        // the invoice, with its XRechnung
        ReceivedMail invoiceMail = once(to(ADOPTER, "Rechnung " + number + " für " + PERIOD));
        assertThat(invoiceMail.text()).contains("für Göttingen wurde die Rechnung " + number, "Gesamtbetrag:    238,00 EUR",
                "XRechnung (" + number + ".xml)");
        assertThat(invoiceMail.attachments()).containsOnlyKeys(number + ".xml");
        byte[] invoiceXml = invoiceMail.attachments().get(number + ".xml");
        assertValidXRechnung(invoiceXml, number + ".xml");
        assertThat(new String(invoiceXml, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<ram:GrandTotalAmount>238.00</ram:GrandTotalAmount>");

        // the provider's statement, once per period: billing the period again tells nobody twice
        ReceivedMail statement = once(to(PROVIDER, "Ihre Abrechnung für " + PERIOD + " liegt vor"));
        assertThat(statement.text()).contains("Hildesheim als Anbieterin", "Nettoumsatz:                    200,00 EUR");
        BillingApi.bill(PERIOD);

        // the same InvoiceIssued delivered again: no second mail
        List<KafkaEvents.Received> issued = kafka.readFrom(before, ARRIVAL, r -> r.stream()
                .anyMatch(e -> "InvoiceIssued".equals(e.header("ce_type")) && e.value().contains(invoiceId)));
        KafkaEvents.Received invoiceIssued = issued.stream()
                .filter(e -> "InvoiceIssued".equals(e.header("ce_type")) && e.value().contains(invoiceId)).findFirst().orElseThrow();
        kafka.send(invoiceIssued.topic(), invoiceIssued.key(), invoiceIssued.value(), invoiceIssued.headers());

        // a credit note, with its XRechnung
        String creditNote = given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("50.00"))), "reason", "Ausfall am 12. Mai"))
                .when().post("/api/invoices/" + invoiceId + "/credit-notes").then().statusCode(201).extract().path("number");
        ReceivedMail creditMail = once(to(ADOPTER, "Gutschrift " + creditNote + " zur Rechnung " + number));
        assertThat(creditMail.text()).contains("Grund:           Ausfall am 12. Mai", "Gesamtbetrag:    59,50 EUR");
        assertThat(creditMail.attachments()).containsOnlyKeys(creditNote + ".xml");
        assertValidXRechnung(creditMail.attachments().get(creditNote + ".xml"), creditNote + ".xml");

        // a dunning level: the reminder 14 days after the due date
        LocalDate due = LocalDate.parse(invoice.getString("dueDate"));
        QuarkusMock.installMockForType(Clock.fixed(due.plusDays(14).atTime(12, 0).atZone(time.zone()).toInstant(), time.zone()),
                Clock.class);
        dunning.raiseLevelsDueToday();
        dunning.raiseLevelsDueToday();
        ReceivedMail reminder = once(to(ADOPTER, "Zahlungserinnerung zur Rechnung " + number));
        assertThat(reminder.text()).contains("war am " + due.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")),
                "seit 14 Tagen", "Offener Betrag:  178,50 EUR");

        assertThat(TestMailbox.settled(to(ADOPTER, "Rechnung " + number + " für"), Duration.ofSeconds(1))).hasSize(1);
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo("rechnung@" + PROVIDER + ".example")).toList()).hasSize(1);
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo("rechnung@" + ADOPTER + ".example")).toList()).hasSize(3);
    }
}

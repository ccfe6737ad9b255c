package de.kommunalmarkt.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payments booked by a billing admin move an invoice from OPEN to PAID to OVERPAID; bad input changes nothing. */
@QuarkusTest
class PaymentBookingTest {

    @Inject
    Periods periods;

    static final String PERIOD = "2024-02";
    static final String DUESSELDORF = "05111000";
    static final String DUISBURG = "05112000";
    static final LocalDate PAID_ON = LocalDate.parse("2024-03-20");

    private static String invoiceId;

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    EntityManager em;

    @BeforeEach
    void billedOnce() {
        if (invoiceId != null) {
            return;
        }
        PaymentsApi.seed(json, licenses, municipalities, DUISBURG, List.of(new PaymentsApi.Adopter(DUESSELDORF,
                "Düsseldorf", 620_000, Plans.flat("100.00"), LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29"))));
        BillingApi.bill(PERIOD);
        invoiceId = PaymentsApi.invoiceId(PERIOD, DUESSELDORF);
    }

    @Test
    void paymentsMoveTheInvoiceFromOpenToPaidToOverpaidAndLeaveAsEvents() {
        JsonPath issued = BillingApi.invoice(invoiceId);
        assertThat(issued.getString("grossTotal")).isEqualTo("119.00");
        assertThat(issued.getString("status")).isEqualTo("OPEN");
        assertThat(issued.getString("openAmount")).isEqualTo("119.00");
        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            var before = kafka.endOffsets(Topics.BILLING_INVOICES);

            JsonPath first = PaymentsApi.pay(invoiceId, "100.00", PAID_ON, "Überweisung Stadtkasse Düsseldorf");
            assertThat(first.getString("invoiceStatus")).isEqualTo("OPEN");
            assertThat(first.getString("invoiceOpenAmount")).isEqualTo("19.00");
            assertThat(first.getString("source")).isEqualTo("MANUAL");
            assertThat(BillingApi.invoice(invoiceId).getString("openAmount")).isEqualTo("19.00");

            JsonPath second = PaymentsApi.pay(invoiceId, "19", PAID_ON.plusDays(1), "Restzahlung");
            assertThat(second.getString("amount")).isEqualTo("19.00");
            assertThat(second.getString("invoiceStatus")).isEqualTo("PAID");
            assertThat(BillingApi.invoice(invoiceId).getString("status")).isEqualTo("PAID");
            assertThat(BillingApi.invoice(invoiceId).getString("openAmount")).isEqualTo("0.00");

            JsonPath third = PaymentsApi.pay(invoiceId, "5.50", PAID_ON.plusDays(2), "doppelt überwiesen");
            assertThat(third.getString("invoiceStatus")).isEqualTo("OVERPAID");
            assertThat(third.getString("invoiceOpenAmount")).isEqualTo("-5.50");

            Map<String, Object> summary = BillingApi.invoices(PERIOD).stream()
                    .filter(i -> invoiceId.equals(i.get("id"))).findFirst().orElseThrow();
            assertThat(summary.get("status")).isEqualTo("OVERPAID");
            assertThat(summary.get("openAmount").toString()).isEqualTo("-5.50");

            List<KafkaEvents.Received> booked = kafka.readFrom(before, Duration.ofSeconds(20),
                    r -> r.stream().filter(e -> "PaymentBooked".equals(e.header("ce_type"))
                            && e.value().contains(invoiceId)).count() >= 3)
                    .stream().filter(e -> "PaymentBooked".equals(e.header("ce_type")) && e.value().contains(invoiceId))
                    .toList();
            assertThat(booked).hasSize(3).allSatisfy(e -> {
                assertThat(e.key()).isEqualTo(DUESSELDORF);
                assertThat(e.header("ce_subject")).isEqualTo(invoiceId);
                assertThat(EventSchemas.violations("PaymentBooked", e.value())).isEmpty();
            });
            assertThat(booked).extracting(KafkaEvents.Received::value).anySatisfy(v -> assertThat(v)
                    .contains("\"amount\":19.00").contains("\"invoiceStatus\":\"PAID\"").contains("\"paidOn\":\"2024-03-21\""));
            assertThat(booked).extracting(KafkaEvents.Received::value)
                    .anySatisfy(v -> assertThat(v).contains("\"invoiceStatus\":\"OVERPAID\""));
        }
    }

    @Test
    void badInputIsA4xxProblemAndBooksNothing() {
        long before = payments();
        Map<String, Object> valid = Map.of("amount", 10, "paidOn", PAID_ON.toString(), "reference", "Zahlung");
        refused(with(valid, "amount", 0), 400, "amount");
        refused(with(valid, "amount", -1), 400, "amount");
        refused(with(valid, "amount", 1.001), 400, "amount");
        refused(with(valid, "amount", "zehn"), 400, null);
        refused(without(valid, "amount"), 400, "amount");
        refused(without(valid, "paidOn"), 400, "paidOn");
        refused(with(valid, "paidOn", "2024-02-30"), 400, null);
        refused(with(valid, "paidOn", periods.today().plusDays(2).toString()), 400,
                "paidOn");
        refused(with(valid, "reference", " "), 400, "reference");
        refused(without(valid, "reference"), 400, "reference");
        refused(with(valid, "reference", "x".repeat(141)), 400, "reference");
        refused(with(valid, "unknown", "field"), 400, null);

        PaymentsApi.postPayment(TestTokens.billingAdmin(), UUID.randomUUID().toString(), valid).statusCode(404)
                .contentType("application/problem+json");
        PaymentsApi.postPayment(TestTokens.billingAdmin(), "not-a-uuid", valid).statusCode(404);
        PaymentsApi.postPayment(TestTokens.adopter(DUESSELDORF), invoiceId, valid).statusCode(403);
        PaymentsApi.postPayment(TestTokens.marketplaceAdmin(), invoiceId, valid).statusCode(403);
        given().contentType("application/json").body(valid)
                .when().post("/api/invoices/" + invoiceId + "/payments").then().statusCode(401);

        assertThat(payments()).isEqualTo(before);
    }

    private void refused(Map<String, Object> body, int status, String field) {
        var response = PaymentsApi.postPayment(TestTokens.billingAdmin(), invoiceId, body).statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status));
        if (field != null) {
            response.body("violations.field", hasItem(field));
        } else {
            response.body("detail", notNullValue());
        }
    }

    private long payments() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from payment").getSingleResult()).longValue());
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.remove(field);
        return changed;
    }
}

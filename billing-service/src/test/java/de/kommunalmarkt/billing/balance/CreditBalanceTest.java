package de.kommunalmarkt.billing.balance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * Money paid beyond what is owed — an overpayment, a credit note against a paid invoice — is the
 * municipality's credit balance; the next run offsets it against the municipality's invoice exactly once
 * (XRechnung paid amount BT-113, still valid), and a billing admin can refund what is left, never more.
 */
@QuarkusTest
class CreditBalanceTest {

    @Inject
    Periods periods;

    static final String APRIL = "2024-04";
    static final String MAY = "2024-05";
    static final String MOENCHENGLADBACH = "05116000";
    static final String MUELHEIM = "05117000";
    static final String PROVIDER = "05112000";

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void overpaymentAndCreditNoteBecomeBalancesOffsetOnceAgainstTheNextInvoiceThenRefundedWithinTheBalance()
            throws Exception {
        LocalDate from = LocalDate.parse("2024-04-01");
        LocalDate to = LocalDate.parse("2024-05-31");
        PaymentsApi.seed(json, licenses, municipalities, PROVIDER, List.of(
                new PaymentsApi.Adopter(MOENCHENGLADBACH, "Mönchengladbach", 268_000, Plans.flat("100.00"), from, to),
                new PaymentsApi.Adopter(MUELHEIM, "Mülheim an der Ruhr", 171_000, Plans.flat("100.00"), from, to)));
        BillingApi.bill(APRIL);
        String mgApril = PaymentsApi.invoiceId(APRIL, MOENCHENGLADBACH);
        String mhApril = PaymentsApi.invoiceId(APRIL, MUELHEIM);
        String mgAprilNumber = BillingApi.invoice(mgApril).getString("number");
        String mhAprilNumber = BillingApi.invoice(mhApril).getString("number");

        // an overpayment, and a credit note against an invoice already paid
        assertThat(PaymentsApi.pay(mgApril, "150.00", periods.today(), "Abschlag").getString("invoiceOpenAmount")).isEqualTo("-31.00");
        PaymentsApi.pay(mhApril, "119.00", periods.today(), "Rechnung April");
        creditNote(mhApril, MUELHEIM, "KM-2099-000001", "20.00", "3.80", "23.80");
        assertThat(BillingApi.invoice(mhApril).getString("status")).isEqualTo("OVERPAID");

        JsonPath mg = balance(TestTokens.billingAdmin(), MOENCHENGLADBACH);
        assertThat(mg.getString("items[0].balance")).isEqualTo("31.00");
        assertThat(mg.getList("items[0].movements.kind")).containsExactly("OVERPAYMENT");
        assertThat(mg.getString("items[0].movements[0].invoiceNumber")).isEqualTo(mgAprilNumber);
        JsonPath mh = balance(TestTokens.billingAdmin(), MUELHEIM);
        assertThat(mh.getString("items[0].balance")).isEqualTo("23.80");
        assertThat(mh.getString("items[0].movements[0].kind")).isEqualTo("CREDIT_NOTE");
        assertThat(mh.getString("items[0].movements[0].creditNotes")).isEqualTo("KM-2099-000001");

        // tenant scope and roles
        JsonPath own = BillingApi.get(TestTokens.adopter(MOENCHENGLADBACH), "/api/balances", Map.of());
        assertThat(own.getList("items.municipalityAgs")).containsExactly(MOENCHENGLADBACH);
        assertThat(own.getString("items[0].balance")).isEqualTo("31.00");
        balanceRequest(TestTokens.adopter(MOENCHENGLADBACH), MUELHEIM).statusCode(403)
                .contentType("application/problem+json");
        balanceRequest(TestTokens.marketplaceAdmin(), MUELHEIM).statusCode(403);
        balanceRequest(TestTokens.provider(PROVIDER), MUELHEIM).statusCode(403);
        balanceRequest(TestTokens.billingAdmin(), "5117").statusCode(400);
        assertThat(BillingApi.get(TestTokens.billingAdmin(), "/api/balances", Map.of("size", 200))
                .getList("items.municipalityAgs")).contains(MOENCHENGLADBACH, MUELHEIM);
        refund(TestTokens.adopter(MOENCHENGLADBACH), MOENCHENGLADBACH, "1.00", periods.today()).statusCode(403);

        // more than the balance: 422, nothing refunded
        refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "31.01", periods.today()).statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("amount"));
        assertThat(balance(TestTokens.billingAdmin(), MOENCHENGLADBACH).getString("items[0].balance")).isEqualTo("31.00");

        // the next run offsets each balance against the municipality's new invoice
        BillingApi.bill(MAY);
        String mgMay = PaymentsApi.invoiceId(MAY, MOENCHENGLADBACH);
        String mhMay = PaymentsApi.invoiceId(MAY, MUELHEIM);
        JsonPath mgMayInvoice = BillingApi.invoice(mgMay);
        assertThat(mgMayInvoice.getString("grossTotal")).isEqualTo("119.00");
        assertThat(mgMayInvoice.getString("creditOffset.amount")).isEqualTo("31.00");
        assertThat(mgMayInvoice.getString("creditOffset.reference")).contains("Überzahlung der Rechnung " + mgAprilNumber);
        assertThat(mgMayInvoice.getString("openAmount")).isEqualTo("88.00");
        assertThat(mgMayInvoice.getString("status")).isEqualTo("OPEN");
        JsonPath mhMayInvoice = BillingApi.invoice(mhMay);
        assertThat(mhMayInvoice.getString("creditOffset.amount")).isEqualTo("23.80");
        assertThat(mhMayInvoice.getString("creditOffset.reference"))
                .contains("Gutschrift KM-2099-000001 zu Rechnung " + mhAprilNumber);
        assertThat(mhMayInvoice.getString("openAmount")).isEqualTo("95.20");
        JsonPath mgAfter = balance(TestTokens.billingAdmin(), MOENCHENGLADBACH);
        assertThat(mgAfter.getString("items[0].balance")).isEqualTo("0.00");
        assertThat(mgAfter.getList("items[0].movements.kind")).containsExactly("OVERPAYMENT", "OFFSET");
        assertThat(mgAfter.getString("items[0].movements[1].amount")).isEqualTo("-31.00");
        assertThat(BillingApi.get(TestTokens.billingAdmin(), "/api/balances", Map.of("size", 200))
                .getList("items.municipalityAgs")).doesNotContain(MOENCHENGLADBACH, MUELHEIM);

        // as XRechnung: paid amount BT-113, amount due BT-115, the source named, still valid
        String xml = given().auth().oauth2(TestTokens.adopter(MOENCHENGLADBACH))
                .when().get("/api/invoices/" + mgMay + "/xrechnung").then().statusCode(200).extract().asString();
        assertThat(xml).contains("<ram:TotalPrepaidAmount>31.00</ram:TotalPrepaidAmount>")
                .contains("<ram:DuePayableAmount>88.00</ram:DuePayableAmount>")
                .contains("<ram:GrandTotalAmount>119.00</ram:GrandTotalAmount>")
                .contains("Überzahlung der Rechnung " + mgAprilNumber);
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), "offset.xml");
        assertThat(validator.wasCompletelyValid()).as("validation report:%n%s", report).isTrue();

        // running the period again, or the offset step again for the same invoices, offsets nothing twice
        assertThat(BillingApi.startRun(MAY).getString("state")).isEqualTo("COMPLETED");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CreditBalances.offsetAgainst(c, List.of(UUID.fromString(mgMay), UUID.fromString(mhMay)));
            c.commit();
        }
        assertThat(count("select count(*) from credit_balance_use where invoice_id in ('" + mgMay + "', '" + mhMay + "')"))
                .isEqualTo(2);
        assertThat(BillingApi.invoice(mgMay).getString("openAmount")).isEqualTo("88.00");
        assertThat(balance(TestTokens.billingAdmin(), MOENCHENGLADBACH).getString("items[0].balance")).isEqualTo("0.00");

        // an overpayment of the offset invoice is refunded, within the balance only
        PaymentsApi.pay(mgMay, "100.00", periods.today(), "Mai voll bezahlt, Guthaben übersehen");
        assertThat(balance(TestTokens.billingAdmin(), MOENCHENGLADBACH).getString("items[0].balance")).isEqualTo("12.00");
        refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "12.01", periods.today()).statusCode(422);
        refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "12.00", periods.today().plusDays(3)).statusCode(400)
                .body("violations.field", hasItem("refundedOn"));
        refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "0", periods.today()).statusCode(400);
        JsonPath refunded = BillingApi.json(refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "12.00",
                periods.today()).statusCode(201));
        assertThat(refunded.getString("balance")).isEqualTo("0.00");
        assertThat(refunded.getList("movements.kind")).containsExactlyInAnyOrder("OVERPAYMENT", "OFFSET", "OVERPAYMENT", "REFUND");
        refund(TestTokens.billingAdmin(), MOENCHENGLADBACH, "0.01", periods.today()).statusCode(422);

        // two refunds at once cannot both spend the same money
        PaymentsApi.pay(mhMay, "145.20", periods.today(), "Mai mit 50,00 zu viel");
        assertThat(balance(TestTokens.billingAdmin(), MUELHEIM).getString("items[0].balance")).isEqualTo("50.00");
        List<Integer> statuses = List.of(
                CompletableFuture.supplyAsync(() -> refund(TestTokens.billingAdmin(), MUELHEIM, "30.00", periods.today())
                        .extract().statusCode()),
                CompletableFuture.supplyAsync(() -> refund(TestTokens.billingAdmin(), MUELHEIM, "30.00", periods.today())
                        .extract().statusCode()))
                .stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        assertThat(balance(TestTokens.billingAdmin(), MUELHEIM).getString("items[0].balance")).isEqualTo("20.00");
    }

    /** A credit note as the corrections feature issues it (its own code is not needed to prove the balance). */
    private void creditNote(String invoiceId, String ags, String number, String net, String vat, String gross) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into credit_note (id, number, invoice_id, run_id, municipality_ags, reason, issue_date, net_total,
                    vat_total, gross_total, currency, line_count, created_by, created_at)
                values (:id, :number, :invoice, null, :ags, 'Kulanz', '2024-05-15', :net, :vat, :gross, 'EUR', 1,
                    'test', now())""")
                .setParameter("id", UUID.randomUUID()).setParameter("number", number)
                .setParameter("invoice", UUID.fromString(invoiceId)).setParameter("ags", ags)
                .setParameter("net", new BigDecimal(net)).setParameter("vat", new BigDecimal(vat))
                .setParameter("gross", new BigDecimal(gross)).executeUpdate());
    }

    private static JsonPath balance(String token, String ags) {
        return BillingApi.json(balanceRequest(token, ags).statusCode(200));
    }

    private static ValidatableResponse balanceRequest(String token, String ags) {
        return given().auth().oauth2(token).queryParam("municipality", ags).when().get("/api/balances").then();
    }

    private static ValidatableResponse refund(String token, String ags, String amount, LocalDate on) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("amount", new BigDecimal(amount), "refundedOn", on.toString(),
                        "reference", "Erstattung auf Konto der Stadtkasse"))
                .when().post("/api/balances/" + ags + "/refunds").then();
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}

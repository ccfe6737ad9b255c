package de.kommunalmarkt.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Seeding adopters and booking payments as the payment, balance and dunning tests need them. */
public final class PaymentsApi {

    private PaymentsApi() {
    }

    /** One adopter with one licence of the plan from {@code from} through {@code to}. */
    public record Adopter(String ags, String name, long inhabitants, PlanTerms plan, LocalDate from, LocalDate to) {
    }

    /** Registers the adopters and their licences (of one provider) and waits until billing's view has them. */
    public static void seed(ObjectMapper json, LicenseRepository licenses, MunicipalityRepository municipalities,
            String providerAgs, List<Adopter> adopters) {
        ContractEvents events = new ContractEvents(json);
        List<UUID> granted = new ArrayList<>();
        for (Adopter adopter : adopters) {
            events.municipality(adopter.ags(), adopter.name(), adopter.inhabitants());
            granted.add(events.activeLicense(adopter.ags(), providerAgs, "app-" + providerAgs, adopter.plan(),
                    adopter.from(), adopter.to()));
        }
        ContractEvents.awaitView(licenses, municipalities, granted, adopters.stream().map(Adopter::ags).toList(), () -> true);
    }

    /** The id of the municipality's invoice of the period. */
    public static String invoiceId(String period, String ags) {
        return BillingApi.invoices(period).stream().filter(i -> ags.equals(i.get("municipalityAgs"))).findFirst()
                .orElseThrow(() -> new AssertionError("no invoice of " + ags + " for " + period)).get("id").toString();
    }

    public static ValidatableResponse postPayment(String token, String invoiceId, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/invoices/" + invoiceId + "/payments").then();
    }

    /** Books a payment as a billing admin, expecting 201. */
    public static JsonPath pay(String invoiceId, String amount, LocalDate paidOn, String reference) {
        return BillingApi.json(postPayment(TestTokens.billingAdmin(), invoiceId,
                Map.of("amount", new BigDecimal(amount), "paidOn", paidOn.toString(), "reference", reference))
                .statusCode(201));
    }
}

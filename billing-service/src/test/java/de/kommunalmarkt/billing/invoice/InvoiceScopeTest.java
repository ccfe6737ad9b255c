package de.kommunalmarkt.billing.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adopters see their own invoices, providers their own statement, billing admins everything. */
@QuarkusTest
class InvoiceScopeTest {

    static final String PERIOD = "2025-02";
    static final String KOBLENZ = "07111000";
    static final String MAINZ = "07315000";
    static final String TRIER = "07211000";
    static final String WORMS = "07319000";

    private static boolean seeded;

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @BeforeEach
    void twoAdoptersOfTwoProvidersBilledOnce() {
        if (seeded) {
            return;
        }
        ContractEvents events = new ContractEvents(json);
        events.municipality(KOBLENZ, "Koblenz", 114_000);
        events.municipality(MAINZ, "Mainz", 218_000);
        PlanTerms trierPlan = Plans.flat("200.00");
        PlanTerms wormsPlan = Plans.flat("80.00");
        LocalDate end = LocalDate.parse("2025-02-28");
        List<UUID> granted = List.of(
                events.activeLicense(KOBLENZ, TRIER, "parken", trierPlan, LocalDate.parse("2025-01-01"), end),
                events.activeLicense(MAINZ, TRIER, "parken", trierPlan, LocalDate.parse("2025-01-01"), end),
                events.activeLicense(MAINZ, WORMS, "baustellen", wormsPlan, LocalDate.parse("2025-02-15"), end));
        ContractEvents.awaitView(licenses, municipalities, granted, List.of(KOBLENZ, MAINZ), () -> true);
        BillingApi.bill(PERIOD);
        seeded = true;
    }

    @Test
    void anAdopterListsOnlyItsOwnInvoices() {
        JsonPath own = BillingApi.get(TestTokens.adopter(KOBLENZ), "/api/invoices", Map.of("period", PERIOD));
        assertThat(own.getList("items.municipalityAgs")).containsExactly(KOBLENZ);
        assertThat(own.getInt("total")).isEqualTo(1);
        assertThat(BillingApi.get(TestTokens.adopter(KOBLENZ), "/api/invoices", Map.of()).getList("items.municipalityAgs"))
                .containsOnly(KOBLENZ);
        assertThat(BillingApi.invoices(PERIOD)).extracting(i -> i.get("municipalityAgs"))
                .containsExactlyInAnyOrder(KOBLENZ, MAINZ);
        assertThat(BillingApi.get(TestTokens.billingAdmin(), "/api/invoices", Map.of("municipality", MAINZ, "period", PERIOD))
                .getList("items.municipalityAgs")).containsExactly(MAINZ);
    }

    @Test
    void anotherMunicipalitysInvoiceDoesNotExistForAnAdopter() {
        String mainzInvoice = invoiceId(MAINZ);
        given().auth().oauth2(TestTokens.adopter(KOBLENZ)).when().get("/api/invoices/" + mainzInvoice)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.adopter(KOBLENZ)).when().get("/api/invoices/" + mainzInvoice + "/xrechnung")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.adopter(KOBLENZ)).queryParam("municipality", MAINZ).when().get("/api/invoices")
                .then().statusCode(403).contentType("application/problem+json");
        JsonPath own = BillingApi.get(TestTokens.adopter(MAINZ), "/api/invoices/" + mainzInvoice, Map.of());
        assertThat(own.getString("netTotal")).isEqualTo("240.00");
        assertThat(own.getList("lines.description", String.class))
                .anySatisfy(d -> assertThat(d).contains("Nutzung 2025-02, 14 von 28 Tagen"));
        given().auth().oauth2(TestTokens.adopter(MAINZ)).when().get("/api/invoices/" + mainzInvoice + "/xrechnung")
                .then().statusCode(200).contentType("application/xml");
    }

    @Test
    void providersSeeOnlyTheirOwnStatementAndOthersNone() {
        JsonPath trier = BillingApi.get(TestTokens.provider(TRIER), "/api/statements", Map.of("period", PERIOD));
        assertThat(trier.getList("items.providerAgs")).containsExactly(TRIER);
        assertThat(trier.getList("items[0].revenues.adopterAgs")).containsExactlyInAnyOrder(KOBLENZ, MAINZ);
        assertThat(trier.getString("items[0].netRevenue")).isEqualTo("400.00");
        assertThat(trier.getString("items[0].platformFee")).isEqualTo("20.00");
        given().auth().oauth2(TestTokens.provider(TRIER)).queryParam("period", PERIOD).queryParam("provider", WORMS)
                .when().get("/api/statements").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.adopter(KOBLENZ)).queryParam("period", PERIOD)
                .when().get("/api/statements").then().statusCode(403);
        JsonPath worms = BillingApi.get(TestTokens.billingAdmin(), "/api/statements", Map.of("period", PERIOD, "provider", WORMS));
        assertThat(worms.getString("items[0].netRevenue")).isEqualTo("40.00");
        assertThat(worms.getString("items[0].payout")).isEqualTo("38.00");
        JsonPath nothingEarned = BillingApi.get(TestTokens.provider("07320000"), "/api/statements", Map.of("period", PERIOD));
        assertThat(nothingEarned.getString("items[0].netRevenue")).isEqualTo("0.00");
    }

    @Test
    void withoutTheRightRoleOrLoginNothingIsShown() {
        String koblenzInvoice = invoiceId(KOBLENZ);
        given().when().get("/api/invoices").then().statusCode(401);
        given().when().get("/api/invoices/" + koblenzInvoice + "/xrechnung").then().statusCode(401);
        given().auth().oauth2(TestTokens.operator("rechenzentrum-sued")).when().get("/api/invoices/" + koblenzInvoice)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.adopter(KOBLENZ)).when().get("/api/billing-runs").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("nobody", java.util.Set.of("adopter"), Map.of()))
                .when().get("/api/invoices").then().statusCode(403)
                .body("detail", equalTo("Your account is not linked to a municipality (claim 'municipality' missing)"));
    }

    private static String invoiceId(String ags) {
        return BillingApi.invoices(PERIOD).stream().filter(i -> ags.equals(i.get("municipalityAgs"))).findFirst()
                .orElseThrow().get("id").toString();
    }
}

package de.kommunalmarkt.billing.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.LicenseSuspensionRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * Every invoice of a period that uses every price model, every cost-sharing key, a setup fee, a
 * suspension and the VAT categories S (19 % and 7 %), E (exempt, with its reason) and Z is downloaded
 * as XRechnung and checked by the Mustang project's validator (XML schema, EN 16931 and XRechnung
 * Schematron rules), in-process.
 */
@QuarkusTest
class XRechnungValidationTest {

    static final String PERIOD = "2025-03";
    static final LocalDate END = LocalDate.parse("2025-03-31");
    static final LocalDate BEFORE = LocalDate.parse("2024-12-01");
    static final String PROVIDER = "06611000";
    static final List<String> ADOPTERS = List.of("06411000", "06412000", "06413000", "06414000", "06431000");
    static final long[] INHABITANTS = {160_000, 760_000, 4_500, 280_000, 52_000};

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    LicenseSuspensionRepository suspensions;

    @Inject
    MunicipalityRepository municipalities;

    @Test
    void everyInvoiceOfAPeriodUsingEveryModelIsAValidXRechnung() {
        seedAllModels();
        JsonPath run = BillingApi.bill(PERIOD);
        // one adopter has lines not subject to VAT besides others: two invoices for it
        assertThat(run.getInt("counts.invoicesIssued")).isEqualTo(ADOPTERS.size() + 1);

        List<Map<String, Object>> invoices = BillingApi.invoices(PERIOD);
        assertThat(invoices).hasSize(ADOPTERS.size() + 1);
        assertThat(invoices).filteredOn(i -> ADOPTERS.get(4).equals(i.get("municipalityAgs"))).hasSize(2);
        List<String> categories = new ArrayList<>();
        for (Map<String, Object> summary : invoices) {
            JsonPath invoice = BillingApi.invoice(summary.get("id").toString());
            categories.addAll(invoice.getList("vatBreakdown.category", String.class));
            String xml = given().auth().oauth2(TestTokens.billingAdmin())
                    .when().get("/api/invoices/" + summary.get("id") + "/xrechnung")
                    .then().statusCode(200).contentType("application/xml")
                    .header("Content-Disposition", "attachment; filename=\"" + summary.get("number") + ".xml\"")
                    .extract().asString();

            ZUGFeRDValidator validator = new ZUGFeRDValidator();
            String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), summary.get("number") + ".xml");
            if (invoice.getList("lines.vatCategory", String.class).contains("O")) {
                // Mustang 2.25.0's validator crashes in its arithmetic check on a correct O invoice (line without a
                // rate by BR-O-05, breakdown with rate 0 by BR-DE-14: mustangproject issue 1219, fixed after 2.25.0,
                // which is the newest served here). Schema and XRechnung Schematron run before it and must find
                // nothing; the amounts are checked below.
                assertThat(report).as("validation report of %s:%n%s", summary.get("number"), report)
                        .doesNotContain("<error").contains("enrichProductFromVATBreakdown")
                        .containsOnlyOnce("<exception");
            } else {
                assertThat(validator.wasCompletelyValid()).as("validation report of %s:%n%s", summary.get("number"), report)
                        .isTrue();
                assertThat(report).contains("xrechnung_3.0");
            }

            assertThat(xml).contains("<ram:BuyerReference>" + invoice.getString("buyer.leitwegId") + "</ram:BuyerReference>");
            List<String> lineCategories = invoice.getList("lines.vatCategory", String.class);
            if (lineCategories.contains("O")) {
                assertThat(lineCategories).containsOnly("O");
                assertThat(xml).doesNotContain("DE123456789").contains("schemeID=\"FC\"");
            } else {
                assertThat(xml).contains("DE123456789");
            }
            assertThat(xml).contains("<ram:ID>" + invoice.getString("number") + "</ram:ID>");
            assertThat(xml).contains("<ram:GrandTotalAmount>" + invoice.getString("grossTotal") + "</ram:GrandTotalAmount>");
            assertThat(xml).contains(">" + invoice.getString("vatTotal") + "</ram:TaxTotalAmount>");
            assertThat(xml).contains("<udt:DateTimeString format=\"102\">"
                    + invoice.getString("dueDate").replace("-", "") + "</udt:DateTimeString>");
            if (invoice.getList("vatBreakdown.category").contains("E")) {
                assertThat(xml).contains("<ram:ExemptionReason>" + Plans.EXEMPT_2B + "</ram:ExemptionReason>");
            }
        }
        assertThat(categories).contains("S", "E", "Z", "O");
    }

    private void seedAllModels() {
        ContractEvents events = new ContractEvents(json);
        for (int i = 0; i < ADOPTERS.size(); i++) {
            events.municipality(ADOPTERS.get(i), "Stadt " + ADOPTERS.get(i), INHABITANTS[i]);
        }
        PlanTerms free = Plans.free("500.00");
        PlanTerms flat = Plans.withSetupFee(Plans.flat("250.00"), "1000.00");
        PlanTerms perInhabitant = Plans.perInhabitant("10.00", "100.00", "1500.00");
        PlanTerms tiered = Plans.withVat(Plans.tiered(List.of(new Tier(20_000L, new BigDecimal("80.00")),
                new Tier(200_000L, new BigDecimal("400.00")), new Tier(null, new BigDecimal("1200.00")))), "0.07", "S", null);
        PlanTerms byInhabitants = Plans.withVat(Plans.costSharing("5000.00", CostSharingKey.INHABITANTS, null), "0", "E",
                Plans.EXEMPT_2B);
        PlanTerms equally = Plans.costSharing("3000.00", CostSharingKey.EQUAL, null);
        PlanTerms mixed = Plans.withVat(Plans.costSharing("4000.00", CostSharingKey.MIXED, "0.3"), "0", "Z", null);
        PlanTerms notSubjectToVat = Plans.withVat(Plans.flat("90.00"), "0", "O", "Nicht steuerbar (hoheitliche Tätigkeit)");

        List<UUID> granted = new ArrayList<>();
        // Darmstadt: a free plan with its setup fee in the activation month, a flat plan from the 10th
        granted.add(events.activeLicense(ADOPTERS.get(0), PROVIDER, "freeapp", free, LocalDate.parse("2025-03-03"), END));
        granted.add(events.activeLicense(ADOPTERS.get(0), PROVIDER, "flatapp", flat, LocalDate.parse("2025-03-10"), END));
        granted.add(events.activeLicense(ADOPTERS.get(0), PROVIDER, "pool-inh", byInhabitants, BEFORE, END));
        // Frankfurt: per inhabitant clamped to the maximum, tiered top tier, every pool
        granted.add(events.activeLicense(ADOPTERS.get(1), PROVIDER, "perinh", perInhabitant, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(1), PROVIDER, "tiered", tiered, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(1), PROVIDER, "pool-inh", byInhabitants, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(1), PROVIDER, "pool-eq", equally, BEFORE, END));
        UUID suspended = events.activeLicense(ADOPTERS.get(1), PROVIDER, "pool-mix", mixed, BEFORE, END);
        granted.add(suspended);
        // a village: per inhabitant clamped to the minimum, lowest tier, two pools
        granted.add(events.activeLicense(ADOPTERS.get(2), PROVIDER, "perinh", perInhabitant, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(2), PROVIDER, "tiered", tiered, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(2), PROVIDER, "pool-eq", equally, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(2), PROVIDER, "pool-mix", mixed, LocalDate.parse("2025-03-20"), END));
        // Wiesbaden: only exempt and zero-rated lines
        granted.add(events.activeLicense(ADOPTERS.get(3), PROVIDER, "pool-inh", byInhabitants, BEFORE, END));
        granted.add(events.activeLicense(ADOPTERS.get(3), PROVIDER, "pool-mix", mixed, BEFORE, END));
        // a town terminating mid-month
        granted.add(events.activeLicense(ADOPTERS.get(4), PROVIDER, "perinh", perInhabitant, BEFORE,
                LocalDate.parse("2025-03-15")));
        granted.add(events.activeLicense(ADOPTERS.get(4), PROVIDER, "pool-eq", equally, BEFORE, END));
        // ... which also uses a plan not subject to VAT: EN 16931 wants those lines on an invoice of their own
        granted.add(events.activeLicense(ADOPTERS.get(4), PROVIDER, "hoheitlich", notSubjectToVat, BEFORE, END));
        events.send(new LicenseSuspended(suspended.toString(), ADOPTERS.get(1), LocalDate.parse("2025-03-05")));
        events.send(new LicenseResumed(suspended.toString(), ADOPTERS.get(1), LocalDate.parse("2025-03-15")));
        ContractEvents.awaitView(licenses, municipalities, granted, ADOPTERS,
                () -> suspensions.count("licenseId = ?1 and resumedOn is not null", suspended) == 1);
    }
}

package de.kommunalmarkt.billing.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.LicenseSuspensionRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * The worked example of docs/DOMAIN.md, "Worked example — corrections in the run of period 2026-11", through the APIs: October is billed
 * without facts that arrive later — Bamberg's activation on 2026-10-20, Ulm's suspension from 2026-10-22 to
 * 2026-11-05, a cost-sharing participant whose municipality billing learns of only after the run — and the run of
 * November corrects each exactly once: catch-up lines on the November invoices, credit notes against October's.
 * Billed three years earlier than docs/DOMAIN.md tells it (2023-10 has 31 days and 2023-11 30, like 2026), so that no
 * other test class bills these months, and every licence ends with November, so that none lands on another test
 * class's invoices; the municipalities carry AGS of their own for the same reason.
 */
@QuarkusTest
@TestProfile(CorrectionsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LateFactsCorrectionTest {

    @Inject
    Periods periods;

    static final String BAMBERG = "09461990";
    static final String ULM = "08421990";
    static final String AUGSBURG = "09761990";
    static final String WUERZBURG = "09663990";
    static final String LANDSHUT = "09261990";
    static final String PROVIDER = "09162990";
    static final String OCTOBER = "2023-10";
    static final String NOVEMBER = "2023-11";

    static final LocalDate END = LocalDate.parse("2023-11-30");

    static UUID bambergLicense;
    static UUID ulmLicense;
    static UUID landshutLicense;

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    LicenseSuspensionRepository suspensions;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void octoberIsBilledWithTheFactsKnownThen() {
        ContractEvents events = new ContractEvents(json);
        events.municipality(BAMBERG, "Bamberg", 78_000);
        events.municipality(ULM, "Ulm", 128_000);
        events.municipality(AUGSBURG, "Augsburg", 301_033);
        events.municipality(WUERZBURG, "Würzburg", 127_810);
        PlanTerms flat = Plans.withSetupFee(Plans.flat("310.00"), "100.00");
        bambergLicense = events.grant(BAMBERG, PROVIDER, "parken", flat);
        PlanTerms perInhabitant = Plans.perInhabitant("12.50", "50.00", "2000.00");
        ulmLicense = events.activeLicense(ULM, PROVIDER, "sensorik", perInhabitant, LocalDate.parse("2023-09-01"), END);
        PlanTerms pool = Plans.costSharing("1000.00", CostSharingKey.INHABITANTS, null);
        List<UUID> pooled = new ArrayList<>(List.of(
                events.activeLicense(AUGSBURG, PROVIDER, "ratsinfo", pool, LocalDate.parse("2023-09-15"), END),
                events.activeLicense(WUERZBURG, PROVIDER, "ratsinfo", pool, LocalDate.parse("2023-10-01"), END)));
        // Landshut takes part from October, but billing learns of the municipality only after October is billed.
        landshutLicense = events.activeLicense(LANDSHUT, PROVIDER, "ratsinfo", pool, LocalDate.parse("2023-10-01"), END);
        pooled.add(landshutLicense);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> licenses.count("licenseId in ?1 and activatedOn is not null", pooled) == 3
                        && licenses.count("licenseId in ?1 and activatedOn is not null", List.of(ulmLicense)) == 1
                        && licenses.count("licenseId", bambergLicense) == 1
                        && municipalities.count("ags in ?1", List.of(BAMBERG, ULM, AUGSBURG, WUERZBURG)) == 4));

        BillingApi.bill(OCTOBER);

        assertThat(invoiceOf(OCTOBER, BAMBERG)).as("Bamberg's licence was not live in October as far as billing knew")
                .isNull();
        JsonPath ulm = BillingApi.invoice(invoiceOf(OCTOBER, ULM));
        assertThat(ulm.getList("lines.netAmount", String.class)).containsExactly("1600.00");
        assertThat(invoiceOf(OCTOBER, LANDSHUT)).isNull();
        BigDecimal augsburg = net(OCTOBER, AUGSBURG);
        BigDecimal wuerzburg = net(OCTOBER, WUERZBURG);
        assertThat(augsburg.add(wuerzburg)).isEqualByComparingTo("1000.00");
    }

    @Test
    @Order(2)
    void novemberCatchesUpAndCreditsWhatOctoberGotWrongExactlyOnce() throws Exception {
        ContractEvents events = new ContractEvents(json);
        PlanTerms flat = contractTerms(bambergLicense);
        events.activate(bambergLicense, BAMBERG, PROVIDER, "parken", flat, LocalDate.parse("2023-10-20"));
        events.send(new LicenseTerminated(bambergLicense.toString(), "parken", BAMBERG, PROVIDER, END,
                LocalDate.parse("2023-10-20")));
        events.send(new LicenseSuspended(ulmLicense.toString(), ULM, LocalDate.parse("2023-10-22")));
        events.send(new LicenseResumed(ulmLicense.toString(), ULM, LocalDate.parse("2023-11-05")));
        events.municipality(LANDSHUT, "Landshut", 73_411);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> licenses.count("licenseId = ?1 and endsOn is not null", bambergLicense) == 1
                        && suspensions.count("licenseId = ?1 and resumedOn is not null", ulmLicense) == 1
                        && municipalities.count("ags", LANDSHUT) == 1));
        Map<TopicPartition, Long> before;
        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            before = kafka.endOffsets(Topics.BILLING_INVOICES);
        }

        JsonPath run = BillingApi.bill(NOVEMBER);
        assertThat(run.getInt("counts.corrections")).isGreaterThanOrEqualTo(6);

        // 1. Late activation: usage of November, catch-up of 12 of October's 31 days and the setup fee.
        JsonPath bamberg = BillingApi.invoice(invoiceOf(NOVEMBER, BAMBERG));
        assertThat(bamberg.getList("lines.netAmount", String.class)).containsExactly("310.00", "120.00", "100.00");
        assertThat(bamberg.getList("lines.correctsPeriod", String.class)).containsExactly(null, OCTOBER, OCTOBER);
        assertThat(bamberg.getList("lines.kind", String.class)).containsExactly("USAGE", "USAGE", "SETUP_FEE");
        assertThat(bamberg.getList("lines.billableDays", Integer.class)).containsExactly(30, 12, null);
        assertThat(bamberg.getString("netTotal")).isEqualTo("530.00");
        assertThat(bamberg.getString("vatTotal")).isEqualTo("100.70");
        assertThat(bamberg.getString("grossTotal")).isEqualTo("630.70");
        assertValidXRechnung("/api/invoices/" + bamberg.getString("id") + "/xrechnung", bamberg.getString("number"));

        // 2. Back-dated suspension: a credit note against October's invoice; November bills 26 of 30 days.
        JsonPath ulmNovember = BillingApi.invoice(invoiceOf(NOVEMBER, ULM));
        assertThat(ulmNovember.getList("lines.netAmount", String.class)).containsExactly("1386.67");
        List<Map<String, Object>> ulmCredits = creditNotes(ULM);
        assertThat(ulmCredits).hasSize(1);
        JsonPath ulmCredit = creditNote(ulmCredits.get(0).get("id").toString());
        assertThat(ulmCredit.getString("netTotal")).isEqualTo("516.13");
        assertThat(ulmCredit.getString("vatTotal")).isEqualTo("98.06");
        assertThat(ulmCredit.getString("grossTotal")).isEqualTo("614.19");
        assertThat(ulmCredit.getString("correctsInvoice.id")).isEqualTo(invoiceOf(OCTOBER, ULM));
        assertThat(ulmCredit.getString("correctsInvoice.period")).isEqualTo(OCTOBER);
        assertThat(ulmCredit.getList("lines.period", String.class)).containsExactly(OCTOBER);
        assertThat(ulmCredit.getList("lines.invoiceLineNo", Integer.class)).containsExactly(1);
        String creditXml = assertValidXRechnung("/api/credit-notes/" + ulmCredit.getString("id") + "/xrechnung",
                ulmCredit.getString("number"));
        assertThat(creditXml).contains("<ram:TypeCode>381</ram:TypeCode>")
                .contains("<ram:IssuerAssignedID>" + ulmCredit.getString("correctsInvoice.number") + "</ram:IssuerAssignedID>");

        // 3. A late participant lowers everyone's October share: its catch-up equals the credits of the others.
        JsonPath landshut = BillingApi.invoice(invoiceOf(NOVEMBER, LANDSHUT));
        BigDecimal landshutCatchUp = landshut.getList("lines", Map.class).stream()
                .filter(line -> OCTOBER.equals(line.get("correctsPeriod")))
                .map(line -> new BigDecimal(line.get("netAmount").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(landshutCatchUp).isPositive();
        BigDecimal credited = BigDecimal.ZERO;
        for (String ags : List.of(AUGSBURG, WUERZBURG)) {
            List<Map<String, Object>> notes = creditNotes(ags);
            assertThat(notes).as("credit notes of %s", ags).hasSize(1);
            JsonPath note = creditNote(notes.get(0).get("id").toString());
            assertThat(note.getString("correctsInvoice.id")).isEqualTo(invoiceOf(OCTOBER, ags));
            credited = credited.add(new BigDecimal(note.getString("netTotal")));
        }
        assertThat(credited).isEqualByComparingTo(landshutCatchUp);
        BigDecimal novemberShares = net(NOVEMBER, AUGSBURG).add(net(NOVEMBER, WUERZBURG))
                .add(landshut.getList("lines", Map.class).stream()
                        .filter(line -> line.get("correctsPeriod") == null)
                        .map(line -> new BigDecimal(line.get("netAmount").toString()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(novemberShares).isEqualByComparingTo("1000.00");

        // The ledger now holds what October really cost.
        assertThat(ledger(bambergLicense, OCTOBER)).containsEntry("USAGE", new BigDecimal("120.00"))
                .containsEntry("SETUP_FEE", new BigDecimal("100.00"));
        assertThat(ledger(ulmLicense, OCTOBER)).containsEntry("USAGE", new BigDecimal("1083.87"));
        assertThat(ledger(ulmLicense, NOVEMBER)).containsEntry("USAGE", new BigDecimal("1386.67"));

        // Every credit note left as an event, as the contract says.
        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            List<KafkaEvents.Received> issued = kafka.readFrom(before, Duration.ofSeconds(20),
                    r -> r.stream().filter(e -> "CreditNoteIssued".equals(e.header("ce_type"))).count() >= 3)
                    .stream().filter(e -> "CreditNoteIssued".equals(e.header("ce_type"))).toList();
            assertThat(issued).extracting(KafkaEvents.Received::key).contains(ULM, AUGSBURG, WUERZBURG);
            assertThat(issued).filteredOn(e -> ULM.equals(e.key())).singleElement()
                    .satisfies(e -> assertThat(e.value()).contains("\"grossTotal\":614.19"));
        }
    }

    @Test
    @Order(3)
    void runningNovemberAgainCorrectsNothingTwiceAndNumbersOfTheYearStayGapFree() throws Exception {
        int documentsBefore = documents();
        JsonPath again = BillingApi.startRun(NOVEMBER);
        assertThat(again.getString("state")).isEqualTo("COMPLETED");
        assertThat(documents()).isEqualTo(documentsBefore);
        assertThat(creditNotes(ULM)).hasSize(1);

        List<Long> numbers = new ArrayList<>();
        String ofThisYear = "KM-" + periods.today().getYear() + "-%";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select number from invoice where number like ? "
                        + "union all select number from credit_note where number like ?")) {
            s.setString(1, ofThisYear);
            s.setString(2, ofThisYear);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                numbers.add(Long.parseLong(rs.getString(1).substring(8)));
            }
        }
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.stream().sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, numbers.size()).boxed().toList());
    }

    @Test
    @Order(4)
    void aBillingAdminCreditsPartOfALineButNeverMoreThanIsLeft() throws Exception {
        String invoice = invoiceOf(NOVEMBER, ULM);
        JsonPath note = BillingApi.json(given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("386.67"))),
                        "reason", "Ausfall der Schnittstelle vom 10. bis 12. November"))
                .when().post("/api/invoices/" + invoice + "/credit-notes")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/credit-notes/")));
        assertThat(note.getString("netTotal")).isEqualTo("386.67");
        assertThat(note.getString("vatTotal")).isEqualTo("73.47");
        assertThat(note.getString("grossTotal")).isEqualTo("460.14");
        assertThat(note.getString("runId")).isNull();
        assertThat(note.getString("reason")).isEqualTo("Ausfall der Schnittstelle vom 10. bis 12. November");
        assertValidXRechnung("/api/credit-notes/" + note.getString("id") + "/xrechnung", note.getString("number"));

        int documents = documents();
        given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("1000.01"))), "reason", "zu viel"))
                .when().post("/api/invoices/" + invoice + "/credit-notes")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("lines[0].amount"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("1000.00"));
        given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 7, "amount", new BigDecimal("1.00"))), "reason", "falsche Zeile"))
                .when().post("/api/invoices/" + invoice + "/credit-notes")
                .then().statusCode(422).body("violations[0].field", org.hamcrest.Matchers.equalTo("lines[0].lineNo"));
        given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("-5.00"))), "reason", "negativ"))
                .when().post("/api/invoices/" + invoice + "/credit-notes")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.adopter(ULM)).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("1.00"))), "reason", "selbst"))
                .when().post("/api/invoices/" + invoice + "/credit-notes")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("lineNo", 1, "amount", new BigDecimal("1.00"))), "reason", "unbekannt"))
                .when().post("/api/invoices/" + UUID.randomUUID() + "/credit-notes")
                .then().statusCode(404);
        assertThat(documents()).isEqualTo(documents);

        // The adopter sees its own credit notes, not another municipality's.
        assertThat(BillingApi.get(TestTokens.adopter(ULM), "/api/credit-notes", Map.of()).getList("items.municipalityAgs",
                String.class)).isNotEmpty().containsOnly(ULM);
        given().auth().oauth2(TestTokens.adopter(BAMBERG)).when().get("/api/credit-notes/" + note.getString("id"))
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.adopter(BAMBERG)).queryParam("municipality", ULM)
                .when().get("/api/credit-notes").then().statusCode(403);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private PlanTerms contractTerms(UUID licenseId) throws Exception {
        return json.readValue(QuarkusTransaction.requiringNew().call(
                () -> licenses.findById(licenseId).contract.terms), PlanTerms.class);
    }

    private static String invoiceOf(String period, String ags) {
        List<Map<String, Object>> found = BillingApi.get(TestTokens.billingAdmin(), "/api/invoices",
                Map.of("period", period, "municipality", ags)).getList("items");
        return found.isEmpty() ? null : found.get(0).get("id").toString();
    }

    private static BigDecimal net(String period, String ags) {
        return new BigDecimal(BillingApi.invoice(invoiceOf(period, ags)).getString("netTotal"));
    }

    private static List<Map<String, Object>> creditNotes(String ags) {
        return BillingApi.get(TestTokens.billingAdmin(), "/api/credit-notes", Map.of("municipality", ags)).getList("items");
    }

    private static JsonPath creditNote(String id) {
        return BillingApi.get(TestTokens.billingAdmin(), "/api/credit-notes/" + id, Map.of());
    }

    private Map<String, BigDecimal> ledger(UUID licenseId, String period) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select kind, sum(amount) from billing_ledger where license_id = ? and period = ? group by kind")) {
            s.setObject(1, licenseId);
            s.setString(2, period);
            try (ResultSet rs = s.executeQuery()) {
                Map<String, BigDecimal> sums = new java.util.HashMap<>();
                while (rs.next()) {
                    sums.put(rs.getString(1), rs.getBigDecimal(2));
                }
                return sums;
            }
        }
    }

    private int documents() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select (select count(*) from invoice) + (select count(*) from credit_note)");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String assertValidXRechnung(String path, String number) {
        String xml = given().auth().oauth2(TestTokens.billingAdmin()).when().get(path)
                .then().statusCode(200).contentType("application/xml").extract().asString();
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), number + ".xml");
        assertThat(validator.wasCompletelyValid()).as("validation report of %s:%n%s", number, report).isTrue();
        return xml;
    }
}

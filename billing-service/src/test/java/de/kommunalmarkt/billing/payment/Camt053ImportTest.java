package de.kommunalmarkt.billing.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.PaymentsApi;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bank statements in camt.053 (versions 02 and 08): credit entries matched by the invoice number in their
 * remittance information are booked, the others listed for manual assignment, and a statement imported
 * again books nothing twice. Documents that are not well-formed camt.053, or that bring a DTD (XXE), are
 * refused and change nothing.
 */
@QuarkusTest
class Camt053ImportTest {

    static final String PERIOD = "2024-03";
    static final String ESSEN = "05113000";
    static final String KREFELD = "05114000";
    static final String LEVERKUSEN = "05316000";
    static final String PROVIDER = "05112000";
    static final String ACCOUNT = "DE02120300000000202051";

    private static boolean billed;

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
        if (billed) {
            return;
        }
        LocalDate from = LocalDate.parse("2024-03-01");
        LocalDate to = LocalDate.parse("2024-03-31");
        PaymentsApi.seed(json, licenses, municipalities, PROVIDER, List.of(
                new PaymentsApi.Adopter(ESSEN, "Essen", 580_000, Plans.flat("200.00"), from, to),
                new PaymentsApi.Adopter(KREFELD, "Krefeld", 227_000, Plans.flat("50.00"), from, to),
                new PaymentsApi.Adopter(LEVERKUSEN, "Leverkusen", 163_000, Plans.flat("80.00"), from, to)));
        BillingApi.bill(PERIOD);
        billed = true;
    }

    @Test
    void matchedEntriesAreBookedUnmatchedListedAndASecondImportBooksNothing() {
        String essen = PaymentsApi.invoiceId(PERIOD, ESSEN);
        String krefeld = PaymentsApi.invoiceId(PERIOD, KREFELD);
        String essenNumber = BillingApi.invoice(essen).getString("number");
        String krefeldNumber = BillingApi.invoice(krefeld).getString("number");
        String statement = camt053v02(List.of(
                entry("STMT1-0001", "238.00", "CRDT", "RE " + essenNumber + " Stadt Essen Kassenzeichen 4711"),
                entry("STMT1-0002", "30.00", "CRDT", "Zahlung Krefeld ohne Nummer"),
                entry("STMT1-0003", "10.00", "CRDT", "KM-2019-999999 gibt es nicht"),
                entry("STMT1-0004", "99.00", "DBIT", "Kontoführung " + essenNumber)));

        JsonPath first = importStatement(statement).statusCode(200).extract().jsonPath();
        assertThat(first.getInt("booked")).isEqualTo(1);
        assertThat(first.getInt("duplicates")).isZero();
        assertThat(first.getList("unmatched.entryReference")).containsExactly("STMT1-0002", "STMT1-0003");
        assertThat(first.getString("unmatched[1].reason")).contains("no invoice KM-2019-999999");
        JsonPath essenNow = BillingApi.invoice(essen);
        assertThat(essenNow.getString("status")).isEqualTo("PAID");
        assertThat(essenNow.getString("openAmount")).isEqualTo("0.00");

        JsonPath again = importStatement(statement).statusCode(200).extract().jsonPath();
        assertThat(again.getInt("booked")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(3);
        assertThat(again.getList("unmatched")).isEmpty();
        assertThat(BillingApi.invoice(essen).getString("openAmount")).isEqualTo("0.00");
        assertThat(count("select count(*) from payment where invoice_id = '" + essen + "'")).isEqualTo(1);

        JsonPath unmatched = BillingApi.get(TestTokens.billingAdmin(), "/api/payments/unmatched", Map.of("size", 200));
        List<Map<String, Object>> krefeldEntries = unmatched.<Map<String, Object>>getList("items").stream()
                .filter(e -> "STMT1-0002".equals(e.get("entryReference"))).toList();
        assertThat(krefeldEntries).hasSize(1);
        String entryId = krefeldEntries.get(0).get("id").toString();
        assertThat(krefeldEntries.get(0).get("remittance").toString()).contains("Zahlung Krefeld");

        JsonPath assigned = BillingApi.json(assign(entryId, krefeld).statusCode(201));
        assertThat(assigned.getString("invoiceNumber")).isEqualTo(krefeldNumber);
        assertThat(assigned.getString("amount")).isEqualTo("30.00");
        assertThat(assigned.getString("source")).isEqualTo("CAMT053");
        assertThat(assigned.getString("invoiceOpenAmount")).isEqualTo("29.50");
        assign(entryId, krefeld).statusCode(409).contentType("application/problem+json");
        assertThat(BillingApi.get(TestTokens.billingAdmin(), "/api/payments/unmatched", Map.of("size", 200))
                .getList("items.entryReference")).doesNotContain("STMT1-0002").contains("STMT1-0003");
        assertThat(importStatement(statement).statusCode(200).extract().jsonPath().getInt("booked")).isZero();
    }

    @Test
    void aLaterVersionWithStructuredReferenceIsReadToo() {
        String leverkusen = PaymentsApi.invoiceId(PERIOD, LEVERKUSEN);
        String number = BillingApi.invoice(leverkusen).getString("number");
        String statement = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>STMT2</MsgId><CreDtTm>2024-04-20T06:00:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>STMT2</Id>
                      <Acct><Id><IBAN>%s</IBAN></Id></Acct>
                      <Ntry>
                        <NtryRef>STMT2-0001</NtryRef>
                        <Amt Ccy="EUR">95.20</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><DtTm>2024-04-19T10:00:00</DtTm></BookgDt>
                        <ValDt><Dt>2024-04-19</Dt></ValDt>
                        <BkTxCd/>
                        <NtryDtls><TxDtls>
                          <RltdPties><Dbtr><Pty><Nm>Stadt Leverkusen</Nm></Pty></Dbtr></RltdPties>
                          <RmtInf><Strd><CdtrRefInf><Ref>%s</Ref></CdtrRefInf></Strd></RmtInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                      <Ntry>
                        <NtryRef>STMT2-0002</NtryRef>
                        <Amt Ccy="EUR">95.20</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>PDNG</Cd></Sts>
                        <BookgDt><Dt>2024-04-19</Dt></BookgDt>
                        <AddtlNtryInf>%s vorgemerkt</AddtlNtryInf>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>""".formatted(ACCOUNT, number, number);
        JsonPath result = importStatement(statement).statusCode(200).extract().jsonPath();
        assertThat(result.getInt("booked")).isEqualTo(1);
        assertThat(result.getInt("duplicates")).isZero();
        assertThat(result.getList("unmatched")).isEmpty();
        JsonPath invoice = BillingApi.invoice(leverkusen);
        assertThat(invoice.getString("status")).isEqualTo("PAID");
    }

    @Test
    void malformedForeignAndHostileDocumentsAreRefusedAndWriteNothing() {
        long entries = count("select count(*) from bank_entry");
        long payments = count("select count(*) from payment");
        importStatement("<Document><BkToCstmrStmt>").statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString("camt.053"));
        importStatement("").statusCode(400).contentType("application/problem+json");
        importStatement("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>")
                .statusCode(400).body("detail", containsString("not an ISO 20022 camt.053 document"));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
                <Acct><Id><IBAN>%s</IBAN></Id></Acct>
                <Ntry><AcctSvcrRef>XXE-1</AcctSvcrRef><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts><BookgDt><Dt>2024-04-01</Dt></BookgDt><AddtlNtryInf>&secret;</AddtlNtryInf></Ntry>
                </Stmt></BkToCstmrStmt></Document>""".formatted(ACCOUNT);
        importStatement(xxe).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("DTD"));
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol2;</Document>""";
        importStatement(billionLaughs).statusCode(400);
        String withoutReference = camt053v02(List.of(entry(null, "5.00", "CRDT", "KM-2024-000001")));
        importStatement(withoutReference).statusCode(400).body("detail", containsString("neither AcctSvcrRef nor NtryRef"));
        String negative = camt053v02(List.of(entry("NEG-1", "-5.00", "CRDT", "x")));
        importStatement(negative).statusCode(400).body("detail", containsString("positive"));

        given().auth().oauth2(TestTokens.adopter(ESSEN)).contentType("application/xml").body(camt053v02(List.of()))
                .when().post("/api/payments/camt053").then().statusCode(403);
        given().auth().oauth2(TestTokens.adopter(ESSEN)).when().get("/api/payments/unmatched").then().statusCode(403);
        assertThat(count("select count(*) from bank_entry")).isEqualTo(entries);
        assertThat(count("select count(*) from payment")).isEqualTo(payments);
    }

    /** Sends the statement as a bank's file is: UTF-8 bytes, as its XML declaration says. */
    private ValidatableResponse importStatement(String xml) {
        return given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/xml")
                .body(xml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/payments/camt053").then();
    }

    private static ValidatableResponse assign(String entryId, String invoiceId) {
        return given().auth().oauth2(TestTokens.billingAdmin()).contentType("application/json")
                .body(Map.of("invoiceId", invoiceId))
                .when().post("/api/payments/unmatched/" + entryId + "/assignment").then();
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** An entry of a camt.053.001.02 statement; {@code reference} null leaves out AcctSvcrRef. */
    static String entry(String reference, String amount, String direction, String remittance) {
        return """
                <Ntry>
                  %s
                  <Amt Ccy="EUR">%s</Amt>
                  <CdtDbtInd>%s</CdtDbtInd>
                  <Sts>BOOK</Sts>
                  <BookgDt><Dt>2024-04-15</Dt></BookgDt>
                  <ValDt><Dt>2024-04-15</Dt></ValDt>
                  <NtryDtls><TxDtls>
                    <RltdPties><Dbtr><Nm>Stadtkasse</Nm></Dbtr></RltdPties>
                    <RmtInf><Ustrd>%s</Ustrd></RmtInf>
                  </TxDtls></NtryDtls>
                </Ntry>""".formatted(reference == null ? "" : "<AcctSvcrRef>" + reference + "</AcctSvcrRef>", amount,
                direction, remittance);
    }

    static String camt053v02(List<String> entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>STMT1</MsgId><CreDtTm>2024-04-16T06:00:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>STMT1</Id>
                      <CreDtTm>2024-04-16T06:00:00</CreDtTm>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      %s
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>""".formatted(ACCOUNT, String.join("\n", entries));
    }
}

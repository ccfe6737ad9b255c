package de.kommunalmarkt.billing.dunning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.PaymentsApi;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.time.TimeConfig;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The daily dunning job, with billing's clock moved forward over an invoice's life: REMINDER from 14 days
 * after the due date, FIRST_NOTICE from 28, FINAL_NOTICE from 42, each once; paid invoices are never
 * dunned; an invoice first seen when it is already far overdue gets only the highest level due.
 */
@QuarkusTest
class DunningTest {

    @Inject
    Periods periods;

    @Inject
    TimeConfig time;

    static final String PERIOD = "2024-06";
    static final String OBERHAUSEN = "05119000";
    static final String REMSCHEID = "05120000";
    static final String SOLINGEN = "05122000";
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
    DailyDunningJob job;

    @Inject
    Scheduler scheduler;

    @Test
    void levelsRiseOnceEachOverAClockMovedForwardPaidInvoicesAreNotDunnedAndAdminsSeeTheList() {
        LocalDate from = LocalDate.parse("2024-06-01");
        LocalDate to = LocalDate.parse("2024-06-30");
        PaymentsApi.seed(json, licenses, municipalities, PROVIDER, List.of(
                new PaymentsApi.Adopter(OBERHAUSEN, "Oberhausen", 209_000, Plans.flat("100.00"), from, to),
                new PaymentsApi.Adopter(REMSCHEID, "Remscheid", 111_000, Plans.flat("100.00"), from, to),
                new PaymentsApi.Adopter(SOLINGEN, "Solingen", 159_000, Plans.flat("100.00"), from, to)));
        BillingApi.bill(PERIOD);
        String oberhausen = PaymentsApi.invoiceId(PERIOD, OBERHAUSEN);
        String remscheid = PaymentsApi.invoiceId(PERIOD, REMSCHEID);
        String solingen = PaymentsApi.invoiceId(PERIOD, SOLINGEN);
        LocalDate due = LocalDate.parse(BillingApi.invoice(oberhausen).getString("dueDate"));
        LocalDate today = periods.today();
        PaymentsApi.pay(oberhausen, "19.00", today, "Teilzahlung");
        PaymentsApi.pay(remscheid, "119.00", today, "Rechnung Juni");
        // Solingen's due date passed 16 days earlier, while the job was not running
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update invoice set due_date = :due where id = :id").setParameter("due", due.minusDays(16))
                .setParameter("id", UUID.fromString(solingen)).executeUpdate());

        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            var before = kafka.endOffsets(Topics.BILLING_INVOICES);

            raiseOn(due.plusDays(13));
            assertThat(levels(oberhausen)).isEmpty();
            raiseOn(due.plusDays(14));
            assertThat(levels(oberhausen)).containsExactly("REMINDER");
            // 30 days overdue when first looked at: only the highest level due, the reminder is skipped
            assertThat(levels(solingen)).containsExactly("FIRST_NOTICE");
            raiseOn(due.plusDays(14));
            raiseOn(due.plusDays(27));
            assertThat(levels(oberhausen)).containsExactly("REMINDER");
            raiseOn(due.plusDays(28));
            assertThat(levels(oberhausen)).containsExactly("REMINDER", "FIRST_NOTICE");
            assertThat(levels(solingen)).containsExactly("FIRST_NOTICE", "FINAL_NOTICE");
            raiseOn(due.plusDays(42));
            raiseOn(due.plusDays(43));
            raiseOn(due.plusDays(90));
            assertThat(levels(oberhausen)).containsExactly("REMINDER", "FIRST_NOTICE", "FINAL_NOTICE");
            assertThat(levels(solingen)).containsExactly("FIRST_NOTICE", "FINAL_NOTICE");
            assertThat(levels(remscheid)).isEmpty();

            List<KafkaEvents.Received> overdue = kafka.readFrom(before, Duration.ofSeconds(20),
                    r -> ofInvoices(r, oberhausen, solingen).size() >= 5);
            List<KafkaEvents.Received> ours = ofInvoices(overdue, oberhausen, solingen);
            assertThat(ours).hasSize(5).allSatisfy(e -> {
                assertThat(EventSchemas.violations("InvoiceOverdue", e.value())).isEmpty();
                assertThat(e.key()).isIn(OBERHAUSEN, SOLINGEN);
            });
            assertThat(ours).filteredOn(e -> e.value().contains(oberhausen)).extracting(KafkaEvents.Received::value)
                    .satisfiesExactly(
                            v -> assertThat(v).contains("\"level\":\"REMINDER\"").contains("\"daysOverdue\":14")
                                    .contains("\"openAmount\":100.00").contains("\"dueDate\":\"" + due + "\""),
                            v -> assertThat(v).contains("\"level\":\"FIRST_NOTICE\"").contains("\"daysOverdue\":28"),
                            v -> assertThat(v).contains("\"level\":\"FINAL_NOTICE\"").contains("\"daysOverdue\":42"));
            assertThat(overdue).filteredOn(e -> "InvoiceOverdue".equals(e.header("ce_type")))
                    .noneMatch(e -> e.value().contains(remscheid));
        }

        // the dunning list, for the admins who decide (nothing is suspended automatically)
        moveClockTo(due.plusDays(50));

        JsonPath finalNotices = BillingApi.get(TestTokens.marketplaceAdmin(), "/api/dunning",
                Map.of("level", "FINAL_NOTICE", "size", 200));
        Map<String, Object> item = finalNotices.<Map<String, Object>>getList("items").stream()
                .filter(i -> oberhausen.equals(i.get("invoiceId"))).findFirst().orElseThrow();
        assertThat(item.get("level")).isEqualTo("FINAL_NOTICE");
        assertThat(item.get("daysOverdue").toString()).isEqualTo("50");
        assertThat(item.get("openAmount").toString()).isEqualTo("100.00");
        assertThat(item.get("municipalityAgs")).isEqualTo(OBERHAUSEN);
        JsonPath all = BillingApi.get(TestTokens.billingAdmin(), "/api/dunning", Map.of("size", 200));
        assertThat(all.getList("items.invoiceId")).contains(oberhausen).doesNotContain(remscheid);
        assertThat(BillingApi.get(TestTokens.billingAdmin(), "/api/dunning", Map.of("level", "REMINDER", "size", 200))
                .getList("items.invoiceId")).doesNotContain(oberhausen);

        given().auth().oauth2(TestTokens.billingAdmin()).queryParam("level", "MAHNBESCHEID").when().get("/api/dunning")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.adopter(OBERHAUSEN)).when().get("/api/dunning").then().statusCode(403);
        given().when().get("/api/dunning").then().statusCode(401);
    }

    @Test
    void theDailyJobIsOffInTests() {
        // src/main/resources/application.properties: %test.billing.dunning.cron=off
        assertThat(scheduler.getScheduledJob("daily-dunning")).isNull();
    }

    private void raiseOn(LocalDate day) {
        moveClockTo(day);
        job.raiseLevelsDueToday();
    }

    private void moveClockTo(LocalDate day) {
        QuarkusMock.installMockForType(Clock.fixed(day.atTime(12, 0).atZone(time.zone()).toInstant(), time.zone()),
                Clock.class);
    }

    private List<String> levels(String invoiceId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select level from dunning_notice where invoice_id = :id order by level_rank", String.class)
                .setParameter("id", UUID.fromString(invoiceId)).getResultList());
    }

    private static List<KafkaEvents.Received> ofInvoices(List<KafkaEvents.Received> records, String... invoiceIds) {
        return records.stream().filter(e -> "InvoiceOverdue".equals(e.header("ce_type")))
                .filter(e -> List.of(invoiceIds).stream().anyMatch(id -> e.value().contains(id))).toList();
    }
}

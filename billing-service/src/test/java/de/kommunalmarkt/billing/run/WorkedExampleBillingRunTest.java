package de.kommunalmarkt.billing.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/DOMAIN.md ("Worked example — period 2026-11"), billed end to end: contract events into billing's view, a billing run,
 * invoices, events and provider statements. Billed as 2025-11 (also 30 days), since 2026-11 is not over.
 */
@QuarkusTest
class WorkedExampleBillingRunTest {

    static final String KOELN = "05315000";
    static final String ULM = "08421000";
    static final String BAMBERG = "09461000";
    static final String MUENCHEN = "09162000";
    static final String HAMBURG = "02000000";
    static final String PERIOD = "2025-11";

    private static boolean seeded;

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @BeforeEach
    void seedTheWorkedExampleOnce() {
        if (seeded) {
            return;
        }
        ContractEvents events = new ContractEvents(json);
        events.municipality(KOELN, "Köln", 1_080_000);
        events.municipality(ULM, "Ulm", 128_000);
        events.municipality(BAMBERG, "Bamberg", 78_000);
        PlanTerms flat = Plans.flat("300.00");
        PlanTerms perInhabitant = Plans.perInhabitant("12.50", "50.00", "2000.00");
        PlanTerms pool = Plans.costSharing("10000.00", CostSharingKey.INHABITANTS, null);
        LocalDate end = LocalDate.parse("2025-11-30");
        List<UUID> granted = new ArrayList<>();
        granted.add(events.activeLicense(KOELN, MUENCHEN, "parken", flat, LocalDate.parse("2025-11-16"), end));
        granted.add(events.activeLicense(ULM, MUENCHEN, "sensorik", perInhabitant, LocalDate.parse("2025-10-01"), end));
        granted.add(events.activeLicense(BAMBERG, MUENCHEN, "sensorik", perInhabitant, LocalDate.parse("2025-11-11"), end));
        granted.add(events.activeLicense(KOELN, HAMBURG, "ratsinfo", pool, LocalDate.parse("2025-06-01"), end));
        granted.add(events.activeLicense(ULM, HAMBURG, "ratsinfo", pool, LocalDate.parse("2025-07-15"), end));
        granted.add(events.activeLicense(BAMBERG, HAMBURG, "ratsinfo", pool, LocalDate.parse("2025-11-11"), end));
        ContractEvents.awaitView(licenses, municipalities, granted, List.of(KOELN, ULM, BAMBERG), () -> true);
        seeded = true;
    }

    @Test
    void theRunInvoicesTheWorkedExampleToTheCent() {
        JsonPath run = BillingApi.bill(PERIOD);
        assertThat(run.getInt("progress.municipalitiesDone")).isEqualTo(3);
        assertThat(run.getInt("progress.municipalitiesTotal")).isEqualTo(3);
        assertThat(run.getInt("counts.invoicesIssued")).isEqualTo(3);
        assertThat(run.getLong("counts.linesIssued")).isEqualTo(6);
        assertThat(run.getDouble("durationSeconds")).isNotNull();

        JsonPath koeln = BillingApi.invoice(invoiceOf(KOELN).get("id").toString());
        assertThat(koeln.getString("netTotal")).isEqualTo("8548.13");
        assertThat(koeln.getString("vatTotal")).isEqualTo("1624.14");
        assertThat(koeln.getString("grossTotal")).isEqualTo("10172.27");
        assertThat(koeln.getList("lines.netAmount", String.class)).containsExactlyInAnyOrder("150.00", "8398.13");
        assertThat(koeln.getString("buyer.leitwegId")).isEqualTo("05315000-KM001-20");
        assertThat(koeln.getList("vatBreakdown")).hasSize(1);
        assertThat(koeln.getString("vatBreakdown[0].netAmount")).isEqualTo("8548.13");
        assertThat(koeln.getString("vatBreakdown[0].vatAmount")).isEqualTo("1624.14");

        JsonPath ulm = BillingApi.invoice(invoiceOf(ULM).get("id").toString());
        assertThat(ulm.getList("lines.netAmount", String.class)).containsExactlyInAnyOrder("1600.00", "995.33");
        assertThat(ulm.getString("grossTotal")).isEqualTo("3088.44");

        JsonPath bamberg = BillingApi.invoice(invoiceOf(BAMBERG).get("id").toString());
        assertThat(bamberg.getList("lines.netAmount", String.class)).containsExactlyInAnyOrder("650.00", "404.36");
        assertThat(bamberg.getString("grossTotal")).isEqualTo("1254.69");
        assertThat(bamberg.getList("lines.billableDays", Integer.class)).containsExactly(20, 20);
        assertThat(bamberg.getString("dueDate")).isEqualTo(LocalDate.parse(bamberg.getString("issueDate")).plusDays(30).toString());
    }

    @Test
    void invoicesAndTheCompletedRunLeaveAsEventsAndASecondRunIssuesNothing() {
        String runId = BillingApi.bill(PERIOD).getString("id");
        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            Map<TopicPartition, Long> beginning = kafka.endOffsets(Topics.BILLING_INVOICES).keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> 0L));
            List<KafkaEvents.Received> ofThisRun = kafka.readFrom(beginning, Duration.ofSeconds(20),
                    r -> r.stream().filter(e -> e.value().contains(runId)).count() >= 4)
                    .stream().filter(e -> e.value().contains(runId)).toList();
            assertThat(ofThisRun).filteredOn(e -> "InvoiceIssued".equals(e.header("ce_type")))
                    .extracting(KafkaEvents.Received::key).containsExactlyInAnyOrder(KOELN, ULM, BAMBERG);
            assertThat(ofThisRun).filteredOn(e -> "BillingRunCompleted".equals(e.header("ce_type")))
                    .singleElement().satisfies(e -> {
                        assertThat(e.key()).isEqualTo(PERIOD);
                        assertThat(e.header("ce_subject")).isEqualTo(runId);
                        assertThat(e.value()).contains("\"invoicesIssued\":3");
                    });
            // written by the run's own COPY into the outbox, yet exactly the contract's JSON
            assertThat(ofThisRun).allSatisfy(e -> assertThat(schemaViolations(e)).isEmpty());
            assertThat(ofThisRun).filteredOn(e -> KOELN.equals(e.key())).singleElement()
                    .satisfies(e -> assertThat(e.value()).contains("\"grossTotal\":10172.27").contains("\"currency\":\"EUR\"")
                            .contains("\"invoiceNumber\":\"KM-"));

            var afterTheRun = kafka.endOffsets(Topics.BILLING_INVOICES);
            JsonPath again = BillingApi.startRun(PERIOD);
            assertThat(again.getString("id")).isEqualTo(runId);
            assertThat(again.getString("state")).isEqualTo("COMPLETED");
            assertThat(BillingApi.invoices(PERIOD)).hasSize(3);
            assertThat(kafka.readFrom(afterTheRun, Duration.ofSeconds(2), r -> false))
                    .noneMatch(e -> e.value().contains("\"period\":\"" + PERIOD + "\""));
        }
    }

    @Test
    void concurrentStartsOfAPeriodShareOneRunAndOneInvoicePerMunicipality() {
        String period = "2025-08";
        // Six starts at once: the run's snapshot (its partitions created under the run's row lock) races the
        // other starts' updates of the same row.
        List<CompletableFuture<JsonPath>> starts = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> BillingApi.startRun(period))).toList();
        List<String> ids = starts.stream().map(CompletableFuture::join).map(run -> run.getString("id")).distinct().toList();
        assertThat(ids).hasSize(1);
        JsonPath run = BillingApi.awaitCompleted(ids.get(0));
        // August 2025: Köln and Ulm share the pool (Bamberg joined in November)
        List<Map<String, Object>> invoices = BillingApi.invoices(period);
        assertThat(invoices).extracting(i -> i.get("municipalityAgs")).containsExactlyInAnyOrder(KOELN, ULM);
        assertThat(run.getInt("counts.invoicesIssued")).isEqualTo(2);
        assertThat(invoices).extracting(i -> i.get("netTotal").toString())
                .containsExactlyInAnyOrder("8940.40", "1059.60");
    }

    @Test
    void providersSeeTheirStatementWithPlatformFeeAndPayout() {
        BillingApi.bill(PERIOD);
        JsonPath muenchen = BillingApi.get(TestTokens.provider(MUENCHEN), "/api/statements", Map.of("period", PERIOD));
        assertThat(muenchen.getList("items")).hasSize(1);
        assertThat(muenchen.getString("items[0].netRevenue")).isEqualTo("2400.00");
        assertThat(muenchen.getString("items[0].platformFee")).isEqualTo("120.00");
        assertThat(muenchen.getString("items[0].payout")).isEqualTo("2280.00");
        assertThat(muenchen.getList("items[0].revenues.adopterAgs")).containsExactlyInAnyOrder(KOELN, ULM, BAMBERG);

        JsonPath hamburg = BillingApi.get(TestTokens.provider(HAMBURG), "/api/statements", Map.of("period", PERIOD));
        assertThat(hamburg.getString("items[0].netRevenue")).isEqualTo("9797.82");
        assertThat(hamburg.getString("items[0].platformFee")).isEqualTo("489.89");
        assertThat(hamburg.getString("items[0].payout")).isEqualTo("9307.93");

        JsonPath all = BillingApi.get(TestTokens.billingAdmin(), "/api/statements", Map.of("period", PERIOD));
        assertThat(all.getList("items.providerAgs")).containsExactly(HAMBURG, MUENCHEN);
        assertThat(all.getInt("total")).isEqualTo(2);
    }

    @Test
    void theRunIsVisibleInTheMetrics() {
        BillingApi.bill(PERIOD);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kommunalmarkt_invoices_issued_total"))
                .body(containsString("kommunalmarkt_billing_run_duration_seconds_count"));
    }

    private Set<ValidationMessage> schemaViolations(KafkaEvents.Received event) throws JsonProcessingException {
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(EventType.SCHEMA_ID_PREFIX, "classpath:schemas/")));
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(EventType.byName(event.header("ce_type")).schemaId()));
        return schema.validate(json.readTree(event.value()));
    }

    private static Map<String, Object> invoiceOf(String ags) {
        return BillingApi.invoices(PERIOD).stream().filter(i -> ags.equals(i.get("municipalityAgs"))).findFirst()
                .orElseThrow();
    }
}

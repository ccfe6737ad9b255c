package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.InterruptedRunScenario.PERIOD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.invoice.InvoiceRepository;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Part 2 of the crash proof ({@link BillingRun1InterruptedTest}): the restarted service finishes the run. */
@QuarkusTest
@TestProfile(Run2RestartedProfile.class)
class BillingRun2ResumedTest {

    @Inject
    Periods periods;

    @Inject
    ObjectMapper json;

    @Inject
    InvoiceRepository invoices;

    @Inject
    de.kommunalmarkt.billing.creditnote.CreditNoteRepository creditNotes;

    @Test
    void theRestartedServiceResumesTheRunAndIssuesExactlyTheInvoicesOfAnUninterruptedRun() {
        JsonPath runs = BillingApi.get(TestTokens.billingAdmin(), "/api/billing-runs", Map.of("period", PERIOD));
        assertThat(runs.getList("items")).hasSize(1);
        JsonPath run = BillingApi.awaitCompleted(runs.getString("items[0].id"));

        assertThat(run.getInt("executions")).isEqualTo(2);
        assertThat(run.getString("lastError")).isNull();
        assertThat(run.getInt("progress.municipalitiesDone")).isEqualTo(5);
        assertThat(run.getInt("counts.invoicesIssued")).isEqualTo(5);

        List<Map<String, Object>> issued = BillingApi.invoices(PERIOD);
        Map<String, String> netByAgs = issued.stream().collect(Collectors.toMap(
                i -> i.get("municipalityAgs").toString(), i -> i.get("netTotal").toString()));
        assertThat(netByAgs).isEqualTo(InterruptedRunScenario.expectedNet());

        List<Long> numbersInAgsOrder = issued.stream()
                .sorted(Comparator.comparing(i -> i.get("municipalityAgs").toString()))
                .map(i -> Long.parseLong(i.get("number").toString().substring(8))).toList();
        assertThat(numbersInAgsOrder).isEqualTo(LongStream.range(0, 5).map(n -> numbersInAgsOrder.get(0) + n).boxed().toList());

        try (KafkaEvents kafka = new ContractEvents(json).kafka()) {
            Map<TopicPartition, Long> beginning = kafka.endOffsets(Topics.BILLING_INVOICES).keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> 0L));
            List<KafkaEvents.Received> ofThePeriod = kafka.readFrom(beginning, Duration.ofSeconds(20),
                    r -> r.stream().filter(e -> isInvoiceOfThePeriod(e)).count() >= 5)
                    .stream().filter(BillingRun2ResumedTest::isInvoiceOfThePeriod).toList();
            assertThat(ofThePeriod).extracting(KafkaEvents.Received::key).containsExactlyInAnyOrderElementsOf(netByAgs.keySet());
        }
    }

    @Test
    void documentNumbersOfTheYearOfIssueRunFromOneWithoutGaps() {
        int year = periods.today().getYear();
        // Invoices and credit notes share one sequence.
        List<String> numbers = QuarkusTransaction.requiringNew().call(() -> java.util.stream.Stream.concat(
                invoices.find("number like ?1", "KM-" + year + "-%").list().stream().map(invoice -> invoice.number),
                creditNotes.find("number like ?1", "KM-" + year + "-%").list().stream().map(note -> note.number))
                .sorted().toList());
        assertThat(numbers).isNotEmpty();
        assertThat(numbers).isEqualTo(LongStream.rangeClosed(1, numbers.size())
                .mapToObj(n -> String.format("KM-%d-%06d", year, n)).toList());
    }

    private static boolean isInvoiceOfThePeriod(KafkaEvents.Received event) {
        return "InvoiceIssued".equals(event.header("ce_type")) && event.value().contains("\"period\":\"" + PERIOD + "\"");
    }
}

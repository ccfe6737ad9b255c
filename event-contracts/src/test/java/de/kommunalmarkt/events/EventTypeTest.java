package de.kommunalmarkt.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventType} is the contract of version 1.0.0 plus the additions the module README documents,
 * no more and no less (docs/ARCHITECTURE.md, "Topics and events", lists them all).
 */
class EventTypeTest {

    /** The events of version 1.0.0, by topic, and the topic of scaling rounds that 1.3.0 added. */
    private static final Map<String, List<String>> ARCHITECTURE_TOPIC_TABLE = Map.of(
            "catalog.solutions", List.of("SolutionPublished", "SolutionUpdated", "SolutionDeprecated"),
            "catalog.directory", List.of("MunicipalityRegistered", "MunicipalityUpdated", "OperatorRegistered", "OperatorUpdated"),
            "licensing.licenses", List.of("LicenseRequested", "LicenseGranted", "LicenseRejected", "LicenseActivated",
                    "LicenseSuspended", "LicenseResumed", "LicenseTerminated"),
            "licensing.deployments", List.of("DeploymentRequested", "DeploymentAccepted", "DeploymentCompleted", "DeploymentFailed"),
            "billing.invoices", List.of("InvoiceIssued", "CreditNoteIssued", "PaymentBooked", "InvoiceOverdue",
                    "BillingRunCompleted"),
            "catalog.rounds", List.of("ScalingRoundOpened", "PledgeMade", "PledgeWithdrawn", "ScalingRoundClosed"));

    /**
     * Additive changes within version 1 (event-contracts README, "Additions within version 1"): a
     * cancelled licence and its cancelled deployment, and the end of a licence after its notice.
     */
    private static final Map<String, List<String>> DOCUMENTED_ADDITIONS = Map.of(
            "licensing.licenses", List.of("LicenseCancelled", "LicenseEnded"),
            "licensing.deployments", List.of("DeploymentCancelled"));

    @Test
    void enum_covers_exactly_the_events_of_the_architecture_plus_the_documented_additions_on_their_topics() {
        Map<String, List<String>> byTopic = Arrays.stream(EventType.values()).collect(Collectors.groupingBy(
                EventType::topic, Collectors.mapping(EventType::typeName, Collectors.toList())));
        Map<String, List<String>> expected = new HashMap<>();
        ARCHITECTURE_TOPIC_TABLE.forEach((topic, events) -> expected.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(events));
        DOCUMENTED_ADDITIONS.forEach((topic, events) -> expected.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(events));

        assertThat(ARCHITECTURE_TOPIC_TABLE.values().stream().mapToInt(List::size).sum()).isEqualTo(23 + 4);
        assertThat(EventType.values()).hasSize(23 + 4 + 3);
        assertThat(byTopic).containsOnlyKeys(expected.keySet());
        expected.forEach((topic, events) ->
                assertThat(byTopic.get(topic)).as(topic).containsExactlyInAnyOrderElementsOf(events));
    }

    @Test
    void additions_only_add_events_to_topics_the_architecture_already_has() {
        assertThat(ARCHITECTURE_TOPIC_TABLE).containsKeys(DOCUMENTED_ADDITIONS.keySet().toArray(String[]::new));
        DOCUMENTED_ADDITIONS.forEach((topic, events) ->
                assertThat(ARCHITECTURE_TOPIC_TABLE.get(topic)).as(topic).doesNotContainAnyElementsOf(events));
    }

    @Test
    void module_readme_documents_every_addition_with_its_topic() throws IOException {
        // surefire runs in the module folder
        List<String> readme = Files.readAllLines(Path.of("README.md"));

        DOCUMENTED_ADDITIONS.forEach((topic, events) -> events.forEach(event ->
                assertThat(readme).as(event).anyMatch(line -> line.contains("`" + topic + "`") && line.contains("`" + event + "("))));
    }

    @Test
    void topic_constants_are_the_architecture_topics() {
        assertThat(List.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.LICENSING_LICENSES,
                Topics.LICENSING_DEPLOYMENTS, Topics.BILLING_INVOICES, Topics.CATALOG_ROUNDS))
                .containsExactlyInAnyOrderElementsOf(ARCHITECTURE_TOPIC_TABLE.keySet());
        assertThat(Topics.deadLetter(Topics.BILLING_INVOICES)).isEqualTo("billing.invoices.dlq");
    }

    @Test
    void every_event_record_implements_domain_event_and_is_a_record() {
        for (EventType type : EventType.values()) {
            assertThat(type.recordClass().isRecord()).as(type.typeName()).isTrue();
            assertThat(type.schemaResource()).isEqualTo("schemas/" + type.typeName() + ".schema.json");
            assertThat(type.schemaId()).isEqualTo("https://kommunalmarkt.de/schemas/" + type.typeName() + ".schema.json");
        }
    }

    @Test
    void looks_up_by_record_class_and_by_ce_type() {
        assertThat(EventType.of(LicenseGranted.class)).isEqualTo(EventType.LICENSE_GRANTED);
        assertThat(EventType.byName("LicenseGranted")).isEqualTo(EventType.LICENSE_GRANTED);
        assertThat(EventType.byName("LicenseCancelled")).isEqualTo(EventType.LICENSE_CANCELLED);
        assertThat(EventType.byName("DeploymentCancelled")).isEqualTo(EventType.DEPLOYMENT_CANCELLED);
        assertThat(EventType.byName("LicenseEnded")).isEqualTo(EventType.LICENSE_ENDED);
        assertThat(EventType.byName("LicenseGrantedV2")).isNull();
        assertThat(EventType.byName(null)).isNull();
        assertThatThrownBy(() -> EventType.of(PlanTerms.class)).isInstanceOf(IllegalArgumentException.class);
    }
}

package de.kommunalmarkt.events;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link EventType} is ARCHITECTURE.md's topic table, no more and no less. */
class EventTypeTest {

    /** ARCHITECTURE.md, "Topics and events". */
    private static final Map<String, List<String>> ARCHITECTURE_TOPIC_TABLE = Map.of(
            "catalog.solutions", List.of("SolutionPublished", "SolutionUpdated", "SolutionDeprecated"),
            "catalog.directory", List.of("MunicipalityRegistered", "MunicipalityUpdated", "OperatorRegistered", "OperatorUpdated"),
            "licensing.licenses", List.of("LicenseRequested", "LicenseGranted", "LicenseRejected", "LicenseActivated",
                    "LicenseSuspended", "LicenseResumed", "LicenseTerminated"),
            "licensing.deployments", List.of("DeploymentRequested", "DeploymentAccepted", "DeploymentCompleted", "DeploymentFailed"),
            "billing.invoices", List.of("InvoiceIssued", "BillingRunCompleted"));

    @Test
    void enum_covers_exactly_the_20_events_of_the_architecture_on_their_topics() {
        Map<String, List<String>> byTopic = Arrays.stream(EventType.values()).collect(Collectors.groupingBy(
                EventType::topic, Collectors.mapping(EventType::typeName, Collectors.toList())));

        assertThat(EventType.values()).hasSize(20);
        assertThat(byTopic).containsOnlyKeys(ARCHITECTURE_TOPIC_TABLE.keySet());
        ARCHITECTURE_TOPIC_TABLE.forEach((topic, events) ->
                assertThat(byTopic.get(topic)).as(topic).containsExactlyInAnyOrderElementsOf(events));
    }

    @Test
    void topic_constants_are_the_architecture_topics() {
        assertThat(List.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.LICENSING_LICENSES,
                Topics.LICENSING_DEPLOYMENTS, Topics.BILLING_INVOICES))
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
        assertThat(EventType.byName("LicenseGrantedV2")).isNull();
        assertThat(EventType.byName(null)).isNull();
        assertThatThrownBy(() -> EventType.of(PlanTerms.class)).isInstanceOf(IllegalArgumentException.class);
    }
}

package de.kommunalmarkt.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What a producer writes with the services' mapper is what the schemas accept, and no more. */
class EventSchemasTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sample_of_every_event_type_validates_against_its_schema(EventType type) {
        DomainEvent event = SampleEvents.of(type);

        Set<ValidationMessage> messages = EventJson.validate(type, EventJson.toTree(event));

        assertThat(messages).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void consumer_reads_back_exactly_what_producer_wrote(EventType type) throws Exception {
        DomainEvent event = SampleEvents.of(type);

        String json = EventJson.MAPPER.writeValueAsString(event);

        assertThat(EventJson.MAPPER.readValue(json, type.recordClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void record_states_its_type_topic_and_key(EventType type) {
        DomainEvent event = SampleEvents.of(type);

        assertThat(event.type()).isEqualTo(type.typeName()).isEqualTo(type.recordClass().getSimpleName());
        assertThat(event.topic()).isEqualTo(type.topic());
        assertThat(event.key()).isNotBlank();
        assertThat(event.subject()).isNotBlank();
        assertThat(EventType.byName(type.typeName())).isSameAs(type);
    }

    @Test
    void deployments_are_keyed_by_licence_and_about_the_deployment() {
        for (EventType type : EventType.values()) {
            if (type.topic().equals(Topics.LICENSING_DEPLOYMENTS)) {
                DomainEvent event = SampleEvents.of(type);
                assertThat(event.key()).as(type.typeName()).isEqualTo(SampleEvents.LICENSE_ID);
                assertThat(event.subject()).as(type.typeName()).isEqualTo(SampleEvents.DEPLOYMENT_ID);
            }
        }
    }

    @Test
    void billing_run_is_keyed_by_period_and_about_the_run() {
        DomainEvent run = SampleEvents.of(EventType.BILLING_RUN_COMPLETED);

        assertThat(run.key()).isEqualTo("2026-11");
        assertThat(run.subject()).isEqualTo(SampleEvents.RUN_ID);
        assertThat(SampleEvents.of(EventType.INVOICE_ISSUED).key()).isEqualTo(SampleEvents.KOELN);
    }

    @Test
    void samples_cover_every_price_model_and_the_fields_only_some_plans_have() {
        List<PlanTerms> plans = new ArrayList<>();
        plans.addAll(((SolutionPublished) SampleEvents.of(EventType.SOLUTION_PUBLISHED)).plans());
        plans.addAll(((SolutionUpdated) SampleEvents.of(EventType.SOLUTION_UPDATED)).plans());
        plans.add(((LicenseGranted) SampleEvents.of(EventType.LICENSE_GRANTED)).terms());

        assertThat(plans).extracting(PlanTerms::model).containsAll(EnumSet.allOf(PriceModel.class));
        assertThat(plans).extracting(PlanTerms::costSharingKey).contains(CostSharingKey.INHABITANTS, CostSharingKey.MIXED);
        assertThat(plans).extracting(PlanTerms::vatCategory).contains("S", "E", "O");
    }

    @Test
    void json_shape_dates_iso_money_numbers_enums_by_name_unused_plan_fields_absent() {
        JsonNode invoice = EventJson.toTree(SampleEvents.of(EventType.INVOICE_ISSUED));
        assertThat(invoice.get("issueDate").textValue()).isEqualTo("2026-12-01");
        assertThat(invoice.get("grossTotal").isNumber()).isTrue();
        assertThat(invoice.get("grossTotal").decimalValue()).isEqualByComparingTo("10172.27");

        JsonNode run = EventJson.toTree(SampleEvents.of(EventType.BILLING_RUN_COMPLETED));
        assertThat(run.get("startedAt").textValue()).isEqualTo("2026-12-01T01:00:00Z");
        assertThat(run.get("completedAt").textValue()).isEqualTo("2026-12-01T01:00:04.250Z");

        JsonNode solution = EventJson.toTree(SampleEvents.of(EventType.SOLUTION_PUBLISHED));
        assertThat(solution.get("hostingModes").get(0).textValue()).isEqualTo("ON_PREMISES");
        JsonNode flat = solution.get("plans").get(1);
        assertThat(flat.get("model").textValue()).isEqualTo("FLAT");
        assertThat(flat.has("ratePer1000")).isFalse();
        assertThat(flat.has("tiers")).isFalse();
        assertThat(flat.has("vatExemptionReason")).isFalse();

        JsonNode tiers = EventJson.toTree(SampleEvents.of(EventType.SOLUTION_UPDATED)).get("plans").get(0).get("tiers");
        assertThat(tiers.get(2).has("upTo")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void no_sample_writes_a_null(EventType type) {
        assertThat(EventJson.toTree(SampleEvents.of(type)).toString()).doesNotContain("null");
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("AGS of a state that does not exist", EventType.LICENSE_REQUESTED,
                        json -> json.put("adopterAgs", "17000000"), "adopterAgs"),
                violation("AGS with seven digits", EventType.MUNICIPALITY_REGISTERED,
                        json -> json.put("ags", "5315000"), "ags"),
                violation("missing required field", EventType.LICENSE_REQUESTED,
                        json -> json.remove("licenseId"), "licenseId"),
                violation("null for a required field", EventType.LICENSE_ACTIVATED,
                        json -> json.putNull("activatedOn"), "activatedOn"),
                violation("unknown extra field", EventType.LICENSE_SUSPENDED,
                        json -> json.put("suspendedBy", "admin"), "suspendedBy"),
                violation("unknown field in a nested address", EventType.MUNICIPALITY_UPDATED,
                        json -> ((ObjectNode) json.get("billingAddress")).put("district", "Innenstadt"), "district"),
                violation("id that is not a UUID", EventType.LICENSE_RESUMED,
                        json -> json.put("licenseId", "licence-42"), "licenseId"),
                violation("date not in ISO form", EventType.LICENSE_TERMINATED,
                        json -> json.put("endsOn", "31.12.2027"), "endsOn"),
                violation("timestamp as epoch number", EventType.DEPLOYMENT_ACCEPTED,
                        json -> json.put("acceptedAt", 1_792_000_000L), "acceptedAt"),
                violation("timestamp without zone", EventType.DEPLOYMENT_FAILED,
                        json -> json.put("failedAt", "2026-11-03T16:20:00"), "failedAt"),
                violation("cancelled licence without the time of cancellation", EventType.LICENSE_CANCELLED,
                        json -> json.remove("cancelledAt"), "cancelledAt"),
                violation("cancelled licence carrying a reason", EventType.LICENSE_CANCELLED,
                        json -> json.put("reason", "zu teuer"), "reason"),
                violation("cancelled deployment without its operator", EventType.DEPLOYMENT_CANCELLED,
                        json -> json.remove("operatorId"), "operatorId"),
                violation("cancelled deployment with a date instead of an instant", EventType.DEPLOYMENT_CANCELLED,
                        json -> json.put("cancelledAt", "2026-10-23"), "cancelledAt"),
                violation("invoice number in another form", EventType.INVOICE_ISSUED,
                        json -> json.put("invoiceNumber", "KM-26-42"), "invoiceNumber"),
                violation("period with month 13", EventType.BILLING_RUN_COMPLETED,
                        json -> json.put("period", "2026-13"), "period"),
                violation("negative money", EventType.INVOICE_ISSUED,
                        json -> json.put("vatTotal", -1), "vatTotal"),
                violation("money as a string", EventType.INVOICE_ISSUED,
                        json -> json.put("netTotal", "8548.13"), "netTotal"),
                violation("currency other than EUR", EventType.INVOICE_ISSUED,
                        json -> json.put("currency", "USD"), "currency"),
                violation("unknown enum value", EventType.DEPLOYMENT_REQUESTED,
                        json -> ((ArrayNode) json.get("hostingModes")).add("HYBRID"), "hostingModes"),
                violation("enum spelled in lower case", EventType.OPERATOR_REGISTERED,
                        json -> json.put("operatorType", "regional_it_provider"), "operatorType"),
                violation("state code out of range", EventType.OPERATOR_UPDATED,
                        json -> ((ArrayNode) json.get("statesServed")).add("17"), "statesServed"),
                violation("capacity zero", EventType.OPERATOR_REGISTERED,
                        json -> json.put("capacity", 0), "capacity"),
                violation("operator id that is not a slug", EventType.DEPLOYMENT_COMPLETED,
                        json -> json.put("operatorId", "KDVZ Rhein"), "operatorId"),
                violation("malformed Leitweg-ID", EventType.MUNICIPALITY_REGISTERED,
                        json -> json.put("leitwegId", "05315000"), "leitwegId"),
                violation("published solution in another state", EventType.SOLUTION_PUBLISHED,
                        json -> json.put("state", "DRAFT"), "state"),
                violation("solution without plans", EventType.SOLUTION_UPDATED,
                        json -> json.putArray("plans"), "plans"),
                violation("E-category plan without exemption reason", EventType.LICENSE_GRANTED,
                        json -> terms(json).remove("vatExemptionReason"), "vatExemptionReason"),
                violation("exemption reason on a standard-rated plan", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 1).put("vatExemptionReason", "none"), "vatExemptionReason"),
                violation("O-category plan without exemption reason", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 0).remove("vatExemptionReason"), "vatExemptionReason"),
                violation("exemption reason on a zero-rated plan", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 0).put("vatCategory", "Z"), "vatExemptionReason"),
                violation("standard-rated plan with rate 0", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 1).put("vatRate", 0), "vatRate"),
                violation("exempt plan with a rate", EventType.LICENSE_GRANTED,
                        json -> terms(json).put("vatRate", 0.19), "vatRate"),
                violation("licence end without its date", EventType.LICENSE_ENDED,
                        json -> json.remove("endedOn"), "endedOn"),
                violation("VAT rate above 25 %", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 1).put("vatRate", 1.19), "vatRate"),
                violation("TIERED plan without tiers", EventType.SOLUTION_UPDATED,
                        json -> plan(json, 0).remove("tiers"), "tiers"),
                violation("TIERED plan with two open-ended tiers", EventType.SOLUTION_UPDATED,
                        json -> ((ObjectNode) plan(json, 0).get("tiers").get(0)).remove("upTo"), "tiers"),
                violation("FLAT plan without monthly fee", EventType.LICENSE_GRANTED,
                        json -> terms(json).remove("monthlyFee"), "monthlyFee"),
                violation("FLAT plan carrying a field of another model", EventType.LICENSE_GRANTED,
                        json -> terms(json).put("ratePer1000", 12.5), "ratePer1000"),
                violation("PER_INHABITANT plan without rate", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 2).remove("ratePer1000"), "ratePer1000"),
                violation("COST_SHARING plan without pool", EventType.SOLUTION_UPDATED,
                        json -> plan(json, 1).remove("monthlyPool"), "monthlyPool"),
                violation("MIXED cost sharing without weight", EventType.SOLUTION_UPDATED,
                        json -> plan(json, 2).remove("inhabitantWeight"), "inhabitantWeight"),
                violation("weight on a plan not split MIXED", EventType.SOLUTION_UPDATED,
                        json -> plan(json, 1).put("inhabitantWeight", 0.5), "inhabitantWeight"),
                violation("FREE plan with a monthly fee", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 0).put("monthlyFee", 10), "monthlyFee"),
                violation("minimum term beyond 60 months", EventType.SOLUTION_PUBLISHED,
                        json -> plan(json, 1).put("minimumTermMonths", 61), "minimumTermMonths"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void schema_rejects(String what, EventType type, Consumer<ObjectNode> breakIt, String property) {
        ObjectNode json = (ObjectNode) EventJson.toTree(SampleEvents.of(type));
        breakIt.accept(json);

        Set<ValidationMessage> messages = EventJson.validate(type, json);

        assertThat(messages).as(what).isNotEmpty();
        assertThat(messages).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(property));
    }

    private static Arguments violation(String what, EventType type, Consumer<ObjectNode> breakIt, String property) {
        return arguments(what, type, breakIt, property);
    }

    private static ObjectNode plan(ObjectNode solution, int index) {
        return (ObjectNode) solution.get("plans").get(index);
    }

    private static ObjectNode terms(ObjectNode licenseGranted) {
        return (ObjectNode) licenseGranted.get("terms");
    }
}

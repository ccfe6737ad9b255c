package de.kommunalmarkt.catalog.round;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/** Scaling round requests and reads as providers, adopters and admins send them, and the round events as they arrive. */
final class Rounds {

    /** Reads numbers exactly as sent: 100000.00 stays 100000.00 (two decimals), not 1E+5. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    /** An opening request: purposes as (text, amount) pairs summing to {@code target}; VAT 19 % (S). */
    static Map<String, Object> request(String target, LocalDate closesOn, int minParticipants, String... purposes) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < purposes.length; i += 2) {
            list.add(Map.of("purpose", purposes[i], "amount", new BigDecimal(purposes[i + 1])));
        }
        r.put("purposes", list);
        r.put("target", new BigDecimal(target));
        r.put("closesOn", closesOn.toString());
        r.put("minParticipants", minParticipants);
        r.put("vatCategory", "S");
        r.put("vatRate", new BigDecimal("0.19"));
        return r;
    }

    /** Opens the round as the provider and returns its id. */
    static String open(String providerToken, String solutionId, Map<String, Object> request) {
        return given().auth().oauth2(providerToken).contentType("application/json").body(request)
                .when().post("/api/solutions/{id}/scaling-rounds", solutionId).then().statusCode(201).extract().path("id");
    }

    /** A pledge body: a contribution (null: left out) and optionally a commitment. */
    static Map<String, Object> pledgeOf(String contribution, String planId, String operatorId) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (contribution != null) {
            p.put("contribution", new BigDecimal(contribution));
        }
        if (planId != null) {
            p.put("commitPlanId", planId);
        }
        if (operatorId != null) {
            p.put("commitOperatorId", operatorId);
        }
        return p;
    }

    static io.restassured.response.ValidatableResponse pledge(String token, String roundId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/scaling-rounds/{id}/pledges", roundId).then();
    }

    /** Registers an operator of the type serving every state and returns its id. */
    static String operator(String type) {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json")
                .body(Map.of("id", id, "name", "Betrieb " + id, "operatorType", type, "statesServed", List.of("05", "08", "09"),
                        "capacity", 50, "contactEmail", "betrieb@" + id + ".example.org"))
                .when().post("/api/operators").then().statusCode(201);
        return id;
    }

    /** The id of the solution's first plan. */
    static String firstPlan(String solutionId) {
        return given().when().get("/api/solutions/{id}", solutionId).then().statusCode(200).extract().path("plans[0].id");
    }

    /** The round as the token's holder (null: anonymous) reads it, as JSON with exact decimals. */
    static JsonNode read(String token, String roundId) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return json(request.when().get("/api/scaling-rounds/{id}", roundId).then().statusCode(200).extract().asString());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    static Map<TopicPartition, Long> from(KafkaEvents kafka) {
        return kafka.endOffsets(Topics.CATALOG_ROUNDS);
    }

    /** The events of the round on catalog.rounds from {@code from}, read until {@code until} holds for them (or 15 s passed). */
    static List<KafkaEvents.Received> events(KafkaEvents kafka, Map<TopicPartition, Long> from, String roundId,
            Predicate<List<KafkaEvents.Received>> until) {
        return events(kafka, from, roundId, until, Duration.ofSeconds(15));
    }

    static List<KafkaEvents.Received> events(KafkaEvents kafka, Map<TopicPartition, Long> from, String roundId,
            Predicate<List<KafkaEvents.Received>> until, Duration timeout) {
        List<KafkaEvents.Received> read = kafka.readFrom(from, timeout,
                r -> until.test(r.stream().filter(e -> roundId.equals(e.key())).toList()));
        List<KafkaEvents.Received> ours = read.stream().filter(e -> roundId.equals(e.key()))
                .sorted(java.util.Comparator.comparingLong(KafkaEvents.Received::offset)).toList();
        ours.forEach(e -> {
            assertThat(EventSchemas.violations(e.header("ce_type"), e.value())).as("%s %s", e.header("ce_type"), e.value()).isEmpty();
            assertThat(e.header("ce_subject")).isEqualTo(roundId);
        });
        return ours;
    }

    static List<String> types(List<KafkaEvents.Received> events) {
        return events.stream().map(e -> e.header("ce_type")).toList();
    }

    static Predicate<List<KafkaEvents.Received>> hasType(String type) {
        return r -> r.stream().anyMatch(e -> type.equals(e.header("ce_type")));
    }

    private Rounds() {
    }
}

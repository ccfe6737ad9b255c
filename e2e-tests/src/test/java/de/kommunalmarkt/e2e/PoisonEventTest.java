package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaEvents.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A record a consumer cannot apply never stops it. On every partition of each consumed topic
 * (catalog.solutions and catalog.rounds read by licensing and billing; catalog.directory read by licensing and billing;
 * licensing.licenses read by the catalog, billing and licensing's own notifications) a malformed record is put — garbage JSON under a
 * valid {@code ce_type}, a record without {@code ce_id}, an unknown {@code ce_type} — and then:
 * each lands in the topic's {@code .dlq} once per consuming service, with the error in SmallRye's
 * {@code dead-letter-*} headers and the original key, value, topic, partition and offset; and normal
 * API actions afterwards, whose events follow the poison on the same partitions, are applied by the
 * same consumers: licensing accepts a licence request naming a newly registered operator for a newly
 * published solution, billing knows the newly registered municipality and the scaling round opened after
 * the poison, and the licence's activation
 * moves the catalog's adoption count and reaches billing.
 */
@Order(400)
class PoisonEventTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(90);
    /** The services reading each topic (their consumer groups are named after them; licensing reads its own licences back for its e-mails). */
    static final Map<String, List<String>> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put("catalog.solutions", List.of("licensing-service", "billing-service"));
        CONSUMERS.put("catalog.directory", List.of("licensing-service", "billing-service"));
        CONSUMERS.put("catalog.rounds", List.of("licensing-service", "billing-service"));
        CONSUMERS.put("licensing.licenses", List.of("catalog-service", "billing-service", "licensing-service"));
    }

    static LocalStack stack;
    static Marketplace market;
    static Databases databases;

    final Discrepancies discrepancies = new Discrepancies();
    final String tag = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    static void startTheMarketplace() {
        stack = SharedStack.get();
        market = new Marketplace(stack);
        databases = new Databases(stack);
    }

    /** A poison record as sent, and where it went. */
    record Poison(String topic, String kind, String key, String value, int partition, long offset) {
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicsAndTheConsumersGoOn() throws Exception {
        String providerAgs = freshAgs();
        String provider = "poison-provider-" + tag;
        market.municipality(providerAgs, "Giftstadt " + tag, 40_000);
        market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));

        try (KafkaEvents kafka = new KafkaEvents(stack.kafkaAdmin())) {
            Map<String, Map<TopicPartition, Long>> dlqFrom = new HashMap<>();
            CONSUMERS.keySet().forEach(topic -> dlqFrom.put(topic, kafka.endOffsets(topic + ".dlq")));
            List<Poison> poisons = new ArrayList<>();
            for (String topic : CONSUMERS.keySet()) {
                poisons.addAll(sendPoison(topic));
            }

            // the directory and the solutions go on: a new operator, a new municipality, a new solution
            String adopterAgs = freshAgs();
            String adopter = "poison-adopter-" + tag;
            String operatorId = "poison-ops-" + tag;
            String operatorUser = "poison-operator-" + tag;
            market.municipality(adopterAgs, "Gegengift " + tag, 25_000);
            market.user(adopter, List.of("adopter"), Map.of("municipality", adopterAgs));
            market.operator(operatorId, "Entgiftung " + tag, "CIVIL_SOCIETY", 10, List.of(adopterAgs.substring(0, 2)));
            market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));
            Marketplace.Published solution = market.publishedSolution(provider,
                    Marketplace.solutionJson("Nach dem Gift " + tag, "AUTO"), Marketplace.flatPlanJson("Basis", "80.00"));
            JsonNode round = market.expect(201, "POST", "catalog", "/api/solutions/" + solution.solutionId() + "/scaling-rounds", provider, """
                    {"purposes":[{"purpose":"Entgiftung","amount":5000.00}],"target":5000.00,"closesOn":"%s","minParticipants":1,
                     "vatCategory":"S","vatRate":0.19}""".formatted(Marketplace.today().plusDays(30)));
            market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory", "catalog.rounds");
            market.awaitConsumed("billing-service", EVENTUALLY, "catalog.solutions", "catalog.directory", "catalog.rounds");
            discrepancies.check("billing knows the scaling round opened after the poison", 1L,
                    databases.scalar("billing", "select count(*) from scaling_round where round_id = '" + round.get("id").asText() + "'"));

            JsonNode license = market.requestLicense(adopter, solution.solutionId(), solution.planId(), operatorId);
            discrepancies.check("licensing grants a request naming the operator and solution registered after the poison",
                    "GRANTED", license.get("state").asText());
            discrepancies.check("billing knows the municipality registered after the poison", 1L,
                    databases.scalar("billing", "select count(*) from municipality where ags = '" + adopterAgs + "'"));

            // the licences go on: an activation after the poison moves the catalog's count and reaches billing
            String licenseId = license.get("id").asText();
            market.deploy(operatorUser, license.get("deployment").get("id").asText(), Marketplace.today());
            market.awaitConsumed("catalog-service", EVENTUALLY, "licensing.licenses");
            market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses");
            JsonNode shown = market.expect(200, "GET", "catalog", "/api/solutions/" + solution.solutionId(), null, null);
            discrepancies.check("the catalog counts the adoption activated after the poison", 1, shown.get("adoptionCount").asInt());
            discrepancies.check("billing knows the activation after the poison", Marketplace.today().toString(),
                    databases.rows("billing", "select activated_on from license where license_id = '" + licenseId + "'")
                            .stream().findFirst().map(r -> r.get(0)).orElse(null));

            for (String topic : CONSUMERS.keySet()) {
                checkDeadLetters(kafka, topic, dlqFrom.get(topic),
                        poisons.stream().filter(p -> p.topic().equals(topic)).toList());
            }
            System.out.printf("E2E poison events: %d poison records on %d partitions of %d topics%n", poisons.size(),
                    poisons.stream().map(p -> p.topic() + "-" + p.partition()).distinct().count(), CONSUMERS.size());
        }
        discrepancies.report("E2E poison events: " + CONSUMERS.size() + " topics");
    }

    /**
     * One malformed record on every partition of the topic, the three kinds in turn, so that whichever
     * partition the next real event takes, a poison record lies before it.
     */
    private List<Poison> sendPoison(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        String validType = switch (topic) {
            case "catalog.solutions" -> "SolutionPublished";
            case "catalog.directory" -> "MunicipalityRegistered";
            case "catalog.rounds" -> "ScalingRoundClosed";
            default -> "LicenseActivated";
        };
        Properties props = new Properties();
        props.putAll(stack.kafkaAdmin());
        props.put("acks", "all");
        List<Poison> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (PartitionInfo partition : producer.partitionsFor(topic)) {
                int p = partition.partition();
                String key = "poison-" + tag + "-" + p;
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("ce_specversion", "1.0");
                headers.put("ce_source", "poison-test");
                headers.put("ce_subject", key);
                String kind;
                String value;
                switch (p % 3) {
                    case 0 -> {
                        kind = "garbage JSON with a valid ce_type";
                        headers.put("ce_id", UUID.randomUUID().toString());
                        headers.put("ce_type", validType);
                        value = "{\"id\": \"" + key + "\", \"name\": [unterminated";
                    }
                    case 1 -> {
                        kind = "no ce_id";
                        headers.put("ce_type", validType);
                        value = "{}";
                    }
                    default -> {
                        kind = "unknown ce_type";
                        headers.put("ce_id", UUID.randomUUID().toString());
                        headers.put("ce_type", "SomethingThatNeverHappened");
                        value = "{\"what\":\"nobody knows\"}";
                    }
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, p, key, value);
                headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                RecordMetadata meta = producer.send(record).get(30, TimeUnit.SECONDS);
                sent.add(new Poison(topic, kind, key, value, meta.partition(), meta.offset()));
            }
        }
        return sent;
    }

    /** Each poison record is in the dead-letter topic once per consuming service, with the error in its headers. */
    private void checkDeadLetters(KafkaEvents kafka, String topic, Map<TopicPartition, Long> from, List<Poison> poisons) {
        int consumers = CONSUMERS.get(topic).size();
        List<Received> dead = kafka.readFrom(from, EVENTUALLY, r -> r.stream()
                .filter(d -> d.key() != null && d.key().startsWith("poison-" + tag)).count() >= (long) poisons.size() * consumers);
        for (Poison poison : poisons) {
            List<Received> copies = dead.stream().filter(d -> poison.key().equals(d.key())).toList();
            String what = topic + ".dlq, " + poison.kind() + " (partition " + poison.partition() + ")";
            discrepancies.check(what + ": dead letters (one per consuming service " + CONSUMERS.get(topic) + ")", consumers, copies.size());
            for (Received copy : copies) {
                String reason = copy.header("dead-letter-reason");
                discrepancies.require(what + ": dead-letter-reason header with the error, was " + copy.headers(),
                        reason != null && !reason.isBlank());
                discrepancies.check(what + ": dead-letter-topic header", topic, copy.header("dead-letter-topic"));
                discrepancies.check(what + ": dead-letter-partition header", String.valueOf(poison.partition()),
                        copy.header("dead-letter-partition"));
                discrepancies.check(what + ": dead-letter-offset header", String.valueOf(poison.offset()), copy.header("dead-letter-offset"));
                discrepancies.check(what + ": the original value", poison.value(), copy.value());
            }
        }
    }

    /** An AGS (state 13) no one has registered. */
    private static String freshAgs() {
        return market.unregisteredAgs("13");
    }
}

package de.kommunalmarkt.licensing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.DomainEvent;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.OperatorRegistered;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.OperatorUpdated;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Feeds licensing's read model as the catalog does: real contract events sent to Kafka with the
 * CloudEvents headers, then waits until the projection has applied them. Also makes unique test
 * data (AGS, operator ids, plans) so tests sharing one database do not see each other.
 */
public final class CatalogEvents {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** A published solution as a test knows it. */
    public record TestSolution(String id, String providerAgs, List<PlanTerms> plans) {
        public String planId() {
            return plans.get(0).planId();
        }
    }

    /** Sends the event to its topic with a fresh {@code ce_id}; returns that id. */
    public static UUID send(DomainEvent event) {
        UUID id = UUID.randomUUID();
        send(event, id);
        return id;
    }

    public static void send(DomainEvent event, UUID ceId) {
        Map<String, String> headers = CloudEventHeaders.of(ceId.toString(), "catalog-service", event.type(),
                Instant.now().toString(), event.subject());
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(event.topic(), event.key(), JSON.writeValueAsString(event), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a solution of a fresh provider and waits until licensing knows it. */
    public static TestSolution publishSolution(ApprovalPolicy policy, List<OperatorType> operatorTypes, PlanTerms... plans) {
        return publishSolution(ags(), policy, operatorTypes, plans);
    }

    public static TestSolution publishSolution(String providerAgs, ApprovalPolicy policy, List<OperatorType> operatorTypes,
            PlanTerms... plans) {
        String id = UUID.randomUUID().toString();
        List<PlanTerms> planList = plans.length == 0 ? List.of(flatPlan(12, 90)) : List.of(plans);
        send(new SolutionPublished(id, providerAgs, "Mängelmelder " + id.substring(0, 8), "Schäden im Stadtraum melden",
                "Bürgerbeteiligung", SolutionState.PUBLISHED, policy, operatorTypes, List.of(HostingMode.CLOUD, HostingMode.SAAS),
                planList, Instant.now()));
        awaitRow("select count(*) from catalog_solution where id = ?1", id);
        return new TestSolution(id, providerAgs, planList);
    }

    /** Registers an operator and waits until licensing knows it with that capacity. */
    public static String registerOperator(OperatorType type, int capacity) {
        String id = operatorId();
        send(new OperatorRegistered(id, "Betreiber " + id, type, List.of("05", "08"), capacity, "betrieb@" + id + ".example"));
        awaitRow("select count(*) from catalog_operator where id = ?1 and capacity = " + capacity, id);
        return id;
    }

    public static void updateOperator(String id, OperatorType type, int capacity) {
        send(new OperatorUpdated(id, "Betreiber " + id, type, List.of("05", "08"), capacity, "betrieb@" + id + ".example"));
        awaitRow("select count(*) from catalog_operator where id = ?1 and capacity = " + capacity, id);
    }

    public static void registerMunicipality(String ags, String name) {
        send(new MunicipalityRegistered(ags, name, 100_000, "05315000-KM001-20",
                new PostalAddress("Rathausplatz 1", "50667", name, "DE"), "it@" + ags + ".example"));
        awaitRow("select count(*) from catalog_municipality where ags = ?1", ags);
    }

    /** A FLAT plan of 300 EUR a month (setup 500, 19 % VAT) with the given minimum term and notice period. */
    public static PlanTerms flatPlan(int minimumTermMonths, int noticePeriodDays) {
        return new PlanTerms(UUID.randomUUID().toString(), "Pauschal", PriceModel.FLAT, new BigDecimal("300.00"),
                null, null, null, null, null, null, null, new BigDecimal("500.00"), minimumTermMonths, noticePeriodDays,
                new BigDecimal("0.19"), "S", null, "EUR");
    }

    /** A fresh, valid AGS (state 01–16 plus six digits). */
    public static String ags() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%02d%06d", r.nextInt(1, 17), r.nextInt(0, 1_000_000));
    }

    public static String operatorId() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits until {@code countQuery} (one parameter) counts at least one row. */
    public static void awaitRow(String countQuery, Object parameter) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(countQuery, parameter) > 0);
    }

    public static long count(String countQuery, Object parameter) {
        return inTransaction(() -> ((Number) em().createNativeQuery(countQuery).setParameter(1, parameter).getSingleResult()).longValue());
    }

    public static void execute(String sql, Object... parameters) {
        inTransaction(() -> {
            var query = em().createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }

    private CatalogEvents() {
    }
}

package de.kommunalmarkt.catalog.solution;

import static de.kommunalmarkt.catalog.Fixtures.addPlan;
import static de.kommunalmarkt.catalog.Fixtures.draft;
import static de.kommunalmarkt.catalog.Fixtures.plan;
import static de.kommunalmarkt.catalog.Fixtures.publish;
import static de.kommunalmarkt.catalog.Fixtures.readySolution;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import de.kommunalmarkt.events.EventSchemas;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Migration V5 repairs a stored plan of category O without an exemption reason (the only kind the
 * catalog accepted that breaks the VAT rule) and queues its published solution, which is then
 * announced again so licensing freezes the repaired terms.
 */
@QuarkusTest
class RepairedPlansAnnouncementTest {

    @Inject
    EntityManager em;

    @Inject
    SolutionService solutions;

    @Test
    void aStoredOutOfScopePlanWithoutReasonIsRepairedAndItsSolutionAnnouncedOnce() throws IOException {
        String token = TestTokens.provider(registeredMunicipality("Altbestandstadt"));
        String id = draft(token, readySolution("Altbestand"));
        String planId = addPlan(token, id, plan("Community", "FREE", "vatRate", BigDecimal.ZERO, "vatCategory", "O",
                "vatExemptionReason", "Unentgeltlich"));
        publish(token, id);
        // as the catalog stored O plans before V5
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update plan set vat_exemption_reason = null where id = ?1")
                .setParameter(1, UUID.fromString(planId)).executeUpdate());

        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.CATALOG_SOLUTIONS);
            String repair = repairStatementOfV5();
            int queued = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(repair).executeUpdate());
            assertThat(queued).isGreaterThanOrEqualTo(1);

            assertThat(solutions.announceQueued()).isGreaterThanOrEqualTo(1);
            assertThat(solutions.announceQueued()).as("the queue is taken once").isZero();

            var updates = kafka.readFrom(from, Duration.ofSeconds(15), r -> r.stream().anyMatch(e -> id.equals(e.key())))
                    .stream().filter(e -> id.equals(e.key())).toList();
            assertThat(updates).singleElement().satisfies(e -> {
                assertThat(e.header("ce_type")).isEqualTo("SolutionUpdated");
                assertThat(e.value()).contains("\"vatExemptionReason\":\"Nicht steuerbar\"");
                assertThat(EventSchemas.violations("SolutionUpdated", e.value())).isEmpty();
            });
        }
        given().when().get("/api/solutions/{id}", id).then().statusCode(200)
                .body("plans[0].vatExemptionReason", equalTo("Nicht steuerbar"));
    }

    /** The data part of V5 as Flyway ran it (the table it fills exists already). */
    private static String repairStatementOfV5() throws IOException {
        try (InputStream in = RepairedPlansAnnouncementTest.class.getResourceAsStream("/db/migration/V5__vat_rule.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.substring(sql.indexOf("with repaired as"));
        }
    }
}

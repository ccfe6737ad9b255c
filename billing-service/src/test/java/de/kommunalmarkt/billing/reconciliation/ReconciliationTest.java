package de.kommunalmarkt.billing.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.billing.view.BillingProjectionConsumer;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation reads licensing's events from the topic and finds billing's view in agreement
 * where billing applied them, and names the licence and the fact where an effect is missing.
 */
@QuarkusTest
class ReconciliationTest {

    static final String ADOPTER = "01051000";
    static final String PROVIDER = "01053000";
    static final LocalDate JAN_1 = LocalDate.parse("2024-01-01");

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Test
    void aViewThatFollowedTheEventsAgreesAndAWithheldEffectIsNamed() {
        ContractEvents events = new ContractEvents(json);
        UUID plain = events.activeLicense(ADOPTER, PROVIDER, "abgleich", Plans.flat("20.00"), JAN_1, null);
        UUID suspended = events.activeLicense(ADOPTER, PROVIDER, "abgleich", Plans.flat("20.00"), JAN_1, null);
        events.send(new LicenseSuspended(suspended.toString(), ADOPTER, LocalDate.parse("2024-03-01")));
        events.send(new LicenseResumed(suspended.toString(), ADOPTER, LocalDate.parse("2024-03-10")));
        UUID ended = events.activeLicense(ADOPTER, PROVIDER, "abgleich", Plans.flat("20.00"), JAN_1,
                LocalDate.parse("2024-12-31"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from license where license_id in (?1, ?2, ?3)"
                + " and activated_on is not null", plain, suspended, ended) == 3
                && count("select count(*) from license where license_id = ?1 and ends_on is not null", ended) == 1
                && count("select count(*) from license_suspension where license_id = ?1 and resumed_on is not null", suspended) == 1);

        JsonPath agreed = reconciliation();
        assertThat(differingIds(agreed)).doesNotContain(plain.toString(), suspended.toString(), ended.toString());
        assertThat(agreed.getLong("licensesInEvents")).isGreaterThanOrEqualTo(3);
        assertThat(agreed.getLong("licensesInBilling")).isGreaterThanOrEqualTo(3);
        assertThat(agreed.getLong("matching")).isGreaterThanOrEqualTo(3);
        assertThat(agreed.getLong("eventsRead")).isGreaterThanOrEqualTo(8);
        long before = agreed.getLong("differences");

        // effects withheld from billing's tables, the events still on the topic
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from license_suspension where license_id = ?1").setParameter(1, suspended).executeUpdate();
            em.createNativeQuery("update license set ends_on = null where license_id = ?1").setParameter(1, ended).executeUpdate();
        });

        JsonPath withheld = reconciliation();
        assertThat(withheld.getLong("differences")).isEqualTo(before + 2);
        assertThat(differingIds(withheld)).contains(suspended.toString(), ended.toString()).doesNotContain(plain.toString());
        assertThat(what(withheld, suspended)).singleElement().asString()
                .isEqualTo("suspensions: licensing's events say [2024-03-01–2024-03-10], billing has []");
        assertThat(what(withheld, ended)).singleElement().asString()
                .isEqualTo("endsOn: licensing's events say 2024-12-31, billing has null");
        assertThat(differencesGauge()).isEqualTo(withheld.getLong("differences"));
    }

    @Test
    void anEventTheInboxMarkedSeenWithoutItsEffectIsADifference() {
        ContractEvents events = new ContractEvents(json);
        UUID license = events.activeLicense(ADOPTER, PROVIDER, "verloren", Plans.flat("35.00"), JAN_1, null);
        String lostEventId = UUID.randomUUID().toString();
        // as if the effect had been lost after the id was recorded
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into processed_event (consumer, event_id, event_type) values (?1, ?2, 'LicenseTerminated')")
                .setParameter(1, BillingProjectionConsumer.LICENSES_CONSUMER).setParameter(2, UUID.fromString(lostEventId)).executeUpdate());
        events.send(new LicenseTerminated(license.toString(), "verloren", ADOPTER, PROVIDER, LocalDate.parse("2024-06-30"),
                JAN_1), lostEventId);
        // the next event of the licence (same key, same partition) shows that the consumer is past the lost one
        events.send(new LicenseSuspended(license.toString(), ADOPTER, LocalDate.parse("2024-02-01")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from license_suspension where license_id = ?1", license) == 1);

        JsonPath report = reconciliation();
        assertThat(what(report, license)).singleElement().asString()
                .isEqualTo("endsOn: licensing's events say 2024-06-30, billing has null");
    }

    @Test
    void onlyTheBillingAdminReconciles() {
        given().when().get("/api/reconciliation").then().statusCode(401);
        for (String token : List.of(TestTokens.marketplaceAdmin(), TestTokens.adopter(ADOPTER), TestTokens.operator("ops-1"))) {
            given().auth().oauth2(token).when().get("/api/reconciliation").then().statusCode(403);
        }
    }

    private static JsonPath reconciliation() {
        return BillingApi.get(TestTokens.billingAdmin(), "/api/reconciliation", Map.of());
    }

    private static List<String> differingIds(JsonPath report) {
        return report.getList("differing.licenseId", String.class);
    }

    private static List<String> what(JsonPath report, UUID license) {
        return report.getList("differing.find { it.licenseId == '" + license + "' }.what", String.class);
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private static long differencesGauge() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("kommunalmarkt_reconciliation_differences"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}

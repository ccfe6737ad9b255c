package de.kommunalmarkt.catalog.adoption;

import static de.kommunalmarkt.catalog.Fixtures.publishedSolution;
import static de.kommunalmarkt.catalog.Fixtures.randomAgs;
import static de.kommunalmarkt.catalog.Fixtures.registeredMunicipality;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import de.kommunalmarkt.catalog.LicenseEvents;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdoptionProjectionTest {

    @Inject
    EntityManager em;

    @Test
    void anActivationCountsOneAdoptionAndARedeliveryDoesNotCountItAgain() {
        String provider = registeredMunicipality("Zählstadt");
        String solution = publishedSolution(provider, "Gezählt");
        String license = UUID.randomUUID().toString();
        String activated = LicenseEvents.activated(license, solution, randomAgs(), provider);

        String eventId = LicenseEvents.send("LicenseActivated", license, activated);
        awaitAdoptions(solution, 1);

        LicenseEvents.send(eventId, "LicenseActivated", license, activated);
        String sameFactNewId = LicenseEvents.send("LicenseActivated", license, activated);
        String marker = LicenseEvents.send("LicenseSuspended", license,
                "{\"licenseId\":\"%s\",\"adopterAgs\":\"05315000\",\"suspendedOn\":\"2026-12-01\"}".formatted(license));
        awaitApplied(marker);

        assertThat(applied(sameFactNewId)).as("applied once by the inbox, then ignored by the per-licence state").isTrue();
        assertAdoptions(solution, 1);
    }

    @Test
    void aLicenceCountsThroughItsNoticeUntilItHasEndedAndOnlyACountedOneIsUncounted() {
        String provider = registeredMunicipality("Kündigstadt");
        String solution = publishedSolution(provider, "Gekündigt");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String firstAdopter = randomAgs();
        LicenseEvents.send("LicenseActivated", first, LicenseEvents.activated(first, solution, firstAdopter, provider));
        LicenseEvents.send("LicenseActivated", second, LicenseEvents.activated(second, solution, randomAgs(), provider));
        awaitAdoptions(solution, 2);

        String notice = LicenseEvents.send("LicenseTerminated", first, LicenseEvents.terminated(first, solution, firstAdopter, provider));
        awaitApplied(notice);
        assertAdoptions(solution, 2);
        assertThat(holding(first).state).isEqualTo(LicenseHolding.State.ACTIVE);
        assertThat(holding(first).endsOn).hasToString("2027-12-31");

        String ended = LicenseEvents.ended(first, solution, firstAdopter, provider);
        LicenseEvents.send("LicenseEnded", first, ended);
        awaitAdoptions(solution, 1);
        assertThat(holding(first).state).isEqualTo(LicenseHolding.State.TERMINATED);

        String again = LicenseEvents.send("LicenseEnded", first, ended);
        awaitApplied(again);
        assertAdoptions(solution, 1);
    }

    @Test
    void anEndThatOvertakesItsActivationIsNeverCounted() {
        String provider = registeredMunicipality("Überholstadt");
        String solution = publishedSolution(provider, "Überholt");
        String license = UUID.randomUUID().toString();
        String adopter = randomAgs();
        LicenseEvents.send("LicenseEnded", license, LicenseEvents.ended(license, solution, adopter, provider));
        String late = LicenseEvents.send("LicenseActivated", license, LicenseEvents.activated(license, solution, adopter, provider));
        awaitApplied(late);
        assertAdoptions(solution, 0);
    }

    @Test
    void aNoticeForALicenceTheCatalogNeverSawActivatedCountsNothing() {
        String provider = registeredMunicipality("Unbekanntstadt");
        String solution = publishedSolution(provider, "Unbekannt");
        String license = UUID.randomUUID().toString();
        String notice = LicenseEvents.send("LicenseTerminated", license, LicenseEvents.terminated(license, solution, randomAgs(), provider));
        awaitApplied(notice);
        assertAdoptions(solution, 0);
        assertThat(holding(license)).isNull();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithTheErrorAndTheConsumerGoesOn() {
        String provider = registeredMunicipality("Giftstadt");
        String solution = publishedSolution(provider, "Robust");
        String poisonKey = UUID.randomUUID().toString();
        try (KafkaEvents kafka = new KafkaEvents()) {
            var from = kafka.endOffsets(Topics.deadLetter(Topics.LICENSING_LICENSES));
            LicenseEvents.send("LicenseActivated", poisonKey, "{\"licenseId\": [not json");
            String license = UUID.randomUUID().toString();
            LicenseEvents.send("LicenseActivated", license, LicenseEvents.activated(license, solution, randomAgs(), provider));

            var dead = kafka.readFrom(from, Duration.ofSeconds(20), r -> r.stream().anyMatch(e -> poisonKey.equals(e.key())))
                    .stream().filter(e -> poisonKey.equals(e.key())).findFirst().orElseThrow();
            assertThat(dead.value()).isEqualTo("{\"licenseId\": [not json");
            assertThat(dead.header("dead-letter-reason")).contains("not a valid LicenseActivated");
            assertThat(dead.header("dead-letter-topic")).isEqualTo(Topics.LICENSING_LICENSES);
            assertThat(dead.header("ce_type")).isEqualTo("LicenseActivated");
        }
        awaitAdoptions(solution, 1);
    }

    private static void awaitAdoptions(String solution, int count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertAdoptions(solution, count));
    }

    private static void assertAdoptions(String solution, int count) {
        given().when().get("/api/solutions/{id}", solution).then().statusCode(200).body("adoptionCount", equalTo(count));
    }

    private LicenseHolding holding(String licenseId) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(LicenseHolding.class, UUID.fromString(licenseId)));
    }

    private void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(eventId));
    }

    private boolean applied(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = 'catalog-adoptions' and event_id = cast(?1 as uuid)")
                .setParameter(1, eventId).getSingleResult()).intValue() == 1);
    }
}

package de.kommunalmarkt.billing.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseEnded;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.events.MunicipalityUpdated;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Billing's view follows licensing's and the catalog's events: exactly once, and poison records go to the DLQ. */
@QuarkusTest
class BillingProjectionConsumerTest {

    static final String ADOPTER = "01001000";
    static final String PROVIDER = "01002000";

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    LicenseSuspensionRepository suspensions;

    @Inject
    MunicipalityRepository municipalities;

    @Inject
    EntityManager em;

    @Test
    void theLicenceLifecycleBecomesContractTermsActivationSuspensionAndEnd() {
        ContractEvents events = new ContractEvents(json);
        PlanTerms plan = Plans.perInhabitant("12.50", "50.00", "2000.00");
        String id = UUID.randomUUID().toString();
        events.send(new LicenseGranted(id, "sensorik", "Sensorik", plan.planId(), "op", ADOPTER, PROVIDER, plan, Instant.now()));
        events.send(new LicenseActivated(id, "sensorik", plan.planId(), ADOPTER, PROVIDER, LocalDate.parse("2024-02-10")));
        events.send(new LicenseSuspended(id, ADOPTER, LocalDate.parse("2024-03-05")));
        events.send(new LicenseResumed(id, ADOPTER, LocalDate.parse("2024-03-12")));
        events.send(new LicenseTerminated(id, "sensorik", ADOPTER, PROVIDER, LocalDate.parse("2024-06-30"),
                LocalDate.parse("2024-03-20")));

        License license = awaitLicense(UUID.fromString(id), l -> l.endsOn != null);
        assertThat(license.activatedOn).isEqualTo(LocalDate.parse("2024-02-10"));
        assertThat(license.endsOn).isEqualTo(LocalDate.parse("2024-06-30"));
        assertThat(license.adopterAgs).isEqualTo(ADOPTER);
        QuarkusTransaction.requiringNew().run(() -> {
            Contract contract = licenses.findById(license.licenseId).contract;
            assertThat(contract.priceModel).isEqualTo(PriceModel.PER_INHABITANT);
            assertThat(contract.providerAgs).isEqualTo(PROVIDER);
            assertThat(contract.solutionName).isEqualTo("Sensorik");
            assertThat(contract.terms).contains("\"ratePer1000\":12.50");
            List<LicenseSuspension> stops = suspensions.list("licenseId", license.licenseId);
            assertThat(stops).singleElement().satisfies(s -> {
                assertThat(s.suspendedOn).isEqualTo(LocalDate.parse("2024-03-05"));
                assertThat(s.resumedOn).isEqualTo(LocalDate.parse("2024-03-12"));
            });
        });
    }

    @Test
    void plansNotSubjectToVatOrExemptFromItBecomeContracts() {
        ContractEvents events = new ContractEvents(json);
        PlanTerms outOfScope = Plans.withVat(Plans.free("0.00"), "0", "O", "Nicht steuerbar: unentgeltliche Überlassung");
        PlanTerms exempt = Plans.withVat(Plans.costSharing("1200.00", CostSharingKey.EQUAL, null), "0", "E", Plans.EXEMPT_2B);
        UUID o = events.activeLicense(ADOPTER, PROVIDER, "community", outOfScope, LocalDate.parse("2024-01-01"), null);
        UUID e = events.activeLicense(ADOPTER, PROVIDER, "umlage", exempt, LocalDate.parse("2024-01-01"), null);

        awaitLicense(o, l -> l.activatedOn != null);
        awaitLicense(e, l -> l.activatedOn != null);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(licenses.findById(o).contract.terms).contains("\"vatCategory\":\"O\"");
            assertThat(licenses.findById(e).contract.terms).contains("\"vatCategory\":\"E\"");
        });
    }

    @Test
    void theEndOfALicenceIsSkippedNotDeadLettered() {
        ContractEvents events = new ContractEvents(json);
        String licenseId = UUID.randomUUID().toString();
        String ended = events.send(new LicenseEnded(licenseId, UUID.randomUUID().toString(), ADOPTER, PROVIDER, LocalDate.parse("2024-06-30")));

        // applied as a no-op: its id is recorded by the inbox, which a dead-lettered record never is
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = 'billing-licenses' and event_id = ?1 and event_type = 'LicenseEnded'")
                .setParameter(1, UUID.fromString(ended)).getSingleResult()).intValue() == 1));
        assertThat(QuarkusTransaction.requiringNew().call(() -> licenses.findById(UUID.fromString(licenseId)))).isNull();
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        ContractEvents events = new ContractEvents(json);
        UUID id = events.activeLicense(ADOPTER, PROVIDER, "ratsinfo", Plans.flat("99.00"), LocalDate.parse("2024-01-01"), null);
        String suspendedEventId = events.send(new LicenseSuspended(id.toString(), ADOPTER, LocalDate.parse("2024-04-01")));
        events.send(new LicenseResumed(id.toString(), ADOPTER, LocalDate.parse("2024-04-08")));
        events.send(new LicenseSuspended(id.toString(), ADOPTER, LocalDate.parse("2024-04-01")), suspendedEventId);
        events.send(new LicenseTerminated(id.toString(), "ratsinfo", ADOPTER, PROVIDER, LocalDate.parse("2024-12-31"),
                LocalDate.parse("2024-05-01")));

        awaitLicense(id, l -> l.endsOn != null);
        assertThat(QuarkusTransaction.requiringNew().call(() -> suspensions.list("licenseId", id)))
                .singleElement().satisfies(s -> assertThat(s.resumedOn).isEqualTo(LocalDate.parse("2024-04-08")));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsErrorAndTheConsumerGoesOn() {
        ContractEvents events = new ContractEvents(json);
        try (KafkaEvents kafka = events.kafka()) {
            var dlqFrom = kafka.endOffsets(Topics.deadLetter(Topics.LICENSING_LICENSES));
            String poisonKey = UUID.randomUUID().toString();
            kafka.send(Topics.LICENSING_LICENSES, poisonKey, "{\"licenseId\": [not json",
                    CloudEventHeaders.of(UUID.randomUUID().toString(), "test", "LicenseGranted", Instant.now().toString(),
                            poisonKey));
            PlanTerms unpriceable = new PlanTerms(UUID.randomUUID().toString(), "Broken", PriceModel.PER_INHABITANT, null,
                    null, null, null, null, null, null, null, null, 0, 0, Plans.VAT_19, "S", null, "EUR");
            String brokenId = UUID.randomUUID().toString();
            events.send(new LicenseGranted(brokenId, "kaputt", "Kaputt", unpriceable.planId(), "op", ADOPTER, PROVIDER,
                    unpriceable, Instant.now()));
            UUID next = events.activeLicense(ADOPTER, PROVIDER, "danach", Plans.flat("10.00"), LocalDate.parse("2024-01-01"),
                    LocalDate.parse("2024-01-31"));

            List<KafkaEvents.Received> deadLetters = kafka.readFrom(dlqFrom, Duration.ofSeconds(30), r -> r.size() >= 2);
            assertThat(deadLetters).anySatisfy(r -> {
                assertThat(r.key()).isEqualTo(poisonKey);
                assertThat(r.header("dead-letter-reason")).contains("not a valid LicenseGranted");
            });
            assertThat(deadLetters).anySatisfy(r -> {
                assertThat(r.key()).isEqualTo(brokenId);
                assertThat(r.header("dead-letter-reason")).contains("ratePer1000");
            });
            awaitLicense(next, l -> l.endsOn != null);
            assertThat(QuarkusTransaction.requiringNew().call(() -> licenses.findById(UUID.fromString(brokenId)))).isNull();
        }
    }

    @Test
    void directoryUpdatesChangeInhabitantsAndBuyerData() {
        ContractEvents events = new ContractEvents(json);
        events.municipality("01003000", "Neumünster", 79_000);
        events.send(new MunicipalityUpdated("01003000", "Stadt Neumünster", 80_500, "04011000-1234512345-06",
                new PostalAddress("Großflecken 59", "24534", "Neumünster", "DE"), "rechnung@neumuenster.example"));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            Municipality m = municipalities.findById("01003000");
            return m != null && m.inhabitants == 80_500;
        }));
        Municipality m = QuarkusTransaction.requiringNew().call(() -> municipalities.findById("01003000"));
        assertThat(m.name).isEqualTo("Stadt Neumünster");
        assertThat(m.leitwegId).isEqualTo("04011000-1234512345-06");
        assertThat(m.street).isEqualTo("Großflecken 59");
    }

    private License awaitLicense(UUID id, java.util.function.Predicate<License> until) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            License license = licenses.findById(id);
            return license != null && until.test(license);
        }));
        return QuarkusTransaction.requiringNew().call(() -> licenses.findById(id));
    }
}

package de.kommunalmarkt.billing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.DomainEvent;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Sends contract events to Kafka as licensing and the catalog would (CloudEvents headers, JSON payload),
 * so tests feed billing's view through its real consumers.
 */
public final class ContractEvents {

    private final ObjectMapper json;
    private final KafkaEvents kafka = new KafkaEvents();

    public ContractEvents(ObjectMapper json) {
        this.json = json;
    }

    /** Sends the event with a fresh {@code ce_id}; returns that id. */
    public String send(DomainEvent event) {
        String id = UUID.randomUUID().toString();
        send(event, id);
        return id;
    }

    /** Sends the event with the given {@code ce_id} (to redeliver one). */
    public void send(DomainEvent event, String ceId) {
        try {
            kafka.send(event.topic(), event.key(), json.writeValueAsString(event), CloudEventHeaders.of(ceId,
                    "test", event.type(), Instant.now().toString(), event.subject()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void municipality(String ags, String name, long inhabitants) {
        send(new MunicipalityRegistered(ags, name, inhabitants, "05315000-KM001-20",
                new PostalAddress("Rathausplatz 1", "50667", name, "DE"), "rechnung@" + ags + ".example"));
    }

    /** Grants a licence of the plan to the adopter and activates it; ends on {@code endsOn} unless null. */
    public UUID activeLicense(String adopterAgs, String providerAgs, String solutionId, PlanTerms plan,
            LocalDate activatedOn, LocalDate endsOn) {
        UUID licenseId = grant(adopterAgs, providerAgs, solutionId, plan);
        String id = licenseId.toString();
        activate(licenseId, adopterAgs, providerAgs, solutionId, plan, activatedOn);
        if (endsOn != null) {
            send(new LicenseTerminated(id, solutionId, adopterAgs, providerAgs, endsOn, activatedOn));
        }
        return licenseId;
    }

    /** Grants a licence of the plan to the adopter; it is not active yet. */
    public UUID grant(String adopterAgs, String providerAgs, String solutionId, PlanTerms plan) {
        UUID licenseId = UUID.randomUUID();
        send(new LicenseGranted(licenseId.toString(), solutionId, "Lösung " + solutionId, plan.planId(), "operator-1",
                adopterAgs, providerAgs, plan, Instant.now()));
        return licenseId;
    }

    /** The operator reported the licence live on {@code activatedOn}. */
    public void activate(UUID licenseId, String adopterAgs, String providerAgs, String solutionId, PlanTerms plan,
            LocalDate activatedOn) {
        send(new LicenseActivated(licenseId.toString(), solutionId, plan.planId(), adopterAgs, providerAgs, activatedOn));
    }

    /**
     * Waits until billing's view has applied these licences (each with its end, the last event {@link #activeLicense}
     * sends) and these municipalities, and {@code alsoUntil} holds (more facts a test sent; {@code () -> true} if none).
     */
    public static void awaitView(LicenseRepository licenses, MunicipalityRepository municipalities,
            Collection<UUID> endedLicenses, Collection<String> ags, BooleanSupplier alsoUntil) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> licenses.count("licenseId in ?1 and endsOn is not null", endedLicenses) == endedLicenses.size()
                        && municipalities.count("ags in ?1", ags) == ags.size() && alsoUntil.getAsBoolean()));
    }

    public KafkaEvents kafka() {
        return kafka;
    }
}

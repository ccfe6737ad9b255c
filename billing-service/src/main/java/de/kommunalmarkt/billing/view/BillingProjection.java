package de.kommunalmarkt.billing.view;

import de.kommunalmarkt.events.Ags;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.common.inbox.PoisonEventException;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseCancelled;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseRejected;
import de.kommunalmarkt.events.LicenseRequested;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.MunicipalityUpdated;
import de.kommunalmarkt.events.PostalAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies licence and directory events to billing's view. Runs inside the idempotent consumer's
 * transaction; an event that can never be applied is a {@link PoisonEventException} (straight to the
 * dead-letter topic), one that may succeed later (an activation before its grant) an ordinary failure.
 */
@ApplicationScoped
public class BillingProjection {

    private static final Logger LOG = Logger.getLogger(BillingProjection.class);

    private final MunicipalityRepository municipalities;
    private final ContractRepository contracts;
    private final LicenseRepository licenses;
    private final LicenseSuspensionRepository suspensions;
    private final ObjectMapper json;
    private final EntityManager em;

    public BillingProjection(MunicipalityRepository municipalities, ContractRepository contracts, LicenseRepository licenses,
            LicenseSuspensionRepository suspensions, ObjectMapper json, EntityManager em) {
        this.municipalities = municipalities;
        this.contracts = contracts;
        this.licenses = licenses;
        this.suspensions = suspensions;
        this.json = json;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyLicenseEvent(ReceivedEvent event) {
        switch (event.type()) {
            case LICENSE_GRANTED -> granted(event.as(LicenseGranted.class));
            case LICENSE_ACTIVATED -> activated(event.as(LicenseActivated.class));
            case LICENSE_SUSPENDED -> suspended(event.as(LicenseSuspended.class));
            case LICENSE_RESUMED -> resumed(event.as(LicenseResumed.class));
            case LICENSE_TERMINATED -> terminated(event.as(LicenseTerminated.class));
            // never billable, but the pipeline of break-even (README, "Break-even")
            case LICENSE_REQUESTED -> requested(event.as(LicenseRequested.class));
            case LICENSE_REJECTED -> requestClosed(event.as(LicenseRejected.class).licenseId(), "REJECTED");
            case LICENSE_CANCELLED -> cancelled(event.as(LicenseCancelled.class));
            default -> {
                // LicenseEnded: the notice (LicenseTerminated) already gave billing endsOn
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyDirectoryEvent(ReceivedEvent event) {
        switch (event.type()) {
            case MUNICIPALITY_REGISTERED -> {
                MunicipalityRegistered m = event.as(MunicipalityRegistered.class);
                upsertMunicipality(m.ags(), m.name(), m.inhabitants(), m.leitwegId(), m.billingAddress(), m.contactEmail());
            }
            case MUNICIPALITY_UPDATED -> {
                MunicipalityUpdated m = event.as(MunicipalityUpdated.class);
                upsertMunicipality(m.ags(), m.name(), m.inhabitants(), m.leitwegId(), m.billingAddress(), m.contactEmail());
            }
            default -> {
                // operators are not billed
            }
        }
    }

    private void granted(LicenseGranted event) {
        UUID licenseId = licenseId(event.licenseId());
        if (event.terms() == null || event.terms().planId() == null) {
            throw new PoisonEventException("LicenseGranted " + licenseId + " carries no plan terms");
        }
        try {
            ContractTerms.frozen(event.terms());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("LicenseGranted " + licenseId + " carries terms billing cannot price: "
                    + e.getMessage(), e);
        }
        if (licenses.findByIdOptional(licenseId).isPresent()) {
            LOG.debugf("Licence %s was granted before; the second grant changes nothing", licenseId);
            return;
        }
        License license = new License();
        license.licenseId = licenseId;
        license.contract = contractFor(event);
        license.adopterAgs = event.adopterAgs();
        license.grantedAt = event.grantedAt() == null ? Instant.now() : event.grantedAt();
        license.factsChangedAt = Instant.now();
        licenses.persist(license);
        requestClosed(event.licenseId(), "GRANTED");
    }

    /** A licence request: in break-even's pipeline, at its plan's current catalog terms, until granted, rejected or cancelled. */
    private void requested(LicenseRequested event) {
        UUID licenseId = licenseId(event.licenseId());
        if (event.solutionId() == null || event.planId() == null || !Ags.isValid(event.adopterAgs())) {
            throw new PoisonEventException("LicenseRequested " + licenseId + " lacks its solution, plan or adopter AGS");
        }
        em.createNativeQuery("""
                insert into license_request (license_id, solution_id, plan_id, adopter_ags, state, requested_at)
                values (:id, :solution, :plan, :ags,
                    case when exists (select 1 from license where license_id = :id) then 'GRANTED' else 'REQUESTED' end,
                    :at)
                on conflict (license_id) do nothing""")
                .setParameter("id", licenseId).setParameter("solution", event.solutionId())
                .setParameter("plan", event.planId()).setParameter("ags", event.adopterAgs())
                .setParameter("at", event.requestedAt() == null ? Instant.now() : event.requestedAt())
                .executeUpdate();
    }

    private void requestClosed(String id, String state) {
        em.createNativeQuery("update license_request set state = :state where license_id = :id and state = 'REQUESTED'")
                .setParameter("state", state).setParameter("id", licenseId(id)).executeUpdate();
    }

    /** Cancelled before activation: never billable, and no longer in break-even's pipeline. */
    private void cancelled(LicenseCancelled event) {
        requestClosed(event.licenseId(), "CANCELLED");
        licenses.findByIdOptional(licenseId(event.licenseId()))
                .ifPresent(license -> license.cancelledAt = event.cancelledAt() == null ? Instant.now() : event.cancelledAt());
    }

    /** A plan is immutable once licensed, so every grant of it must carry the same terms. */
    private Contract contractFor(LicenseGranted event) {
        String terms;
        try {
            terms = json.writeValueAsString(event.terms());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan terms cannot be written as JSON", e);
        }
        Contract existing = contracts.findByPlan(event.terms().planId()).orElse(null);
        if (existing != null) {
            if (!existing.terms.equals(terms) || !existing.providerAgs.equals(event.providerAgs())) {
                throw new PoisonEventException("LicenseGranted " + event.licenseId() + " carries other terms for plan "
                        + event.terms().planId() + " than an earlier grant; a licensed plan must not change");
            }
            return existing;
        }
        Contract contract = new Contract();
        contract.planId = event.terms().planId();
        contract.planName = event.terms().name() == null ? event.terms().planId() : event.terms().name();
        contract.solutionId = event.solutionId();
        contract.solutionName = event.solutionName() == null ? event.solutionId() : event.solutionName();
        contract.providerAgs = event.providerAgs();
        contract.priceModel = event.terms().model();
        contract.terms = terms;
        contracts.persist(contract);
        return contract;
    }

    private void activated(LicenseActivated event) {
        changed(license(event.licenseId())).activatedOn = event.activatedOn();
    }

    private void terminated(LicenseTerminated event) {
        changed(license(event.licenseId())).endsOn = event.endsOn();
    }

    /** Stamps the licence for re-pricing: a run corrects what it billed before this moment. */
    private static License changed(License license) {
        license.factsChangedAt = Instant.now();
        return license;
    }

    private void suspended(LicenseSuspended event) {
        UUID licenseId = changed(license(event.licenseId())).licenseId;
        if (suspensions.findOpen(licenseId).isPresent()) {
            LOG.debugf("Licence %s is already suspended", licenseId);
            return;
        }
        LicenseSuspension suspension = new LicenseSuspension();
        suspension.licenseId = licenseId;
        suspension.suspendedOn = event.suspendedOn();
        suspensions.persist(suspension);
    }

    private void resumed(LicenseResumed event) {
        UUID licenseId = changed(license(event.licenseId())).licenseId;
        suspensions.findOpen(licenseId).ifPresentOrElse(
                open -> open.resumedOn = event.resumedOn(),
                () -> LOG.warnf("Licence %s resumed on %s without being suspended", licenseId, event.resumedOn()));
    }

    private License license(String id) {
        UUID licenseId = licenseId(id);
        // Per-key order makes this impossible for a well-behaved producer; failing lets the retries and
        // then the dead-letter topic keep the event instead of losing it.
        return licenses.findByIdOptional(licenseId)
                .orElseThrow(() -> new IllegalStateException("licence " + licenseId + " is unknown to billing"));
    }

    private static UUID licenseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("licence id is not a UUID: " + id);
        }
    }

    private void upsertMunicipality(String ags, String name, long inhabitants, String leitwegId, PostalAddress address,
            String contactEmail) {
        if (ags == null || !Ags.isValid(ags) || inhabitants <= 0 || address == null || name == null
                || leitwegId == null || contactEmail == null) {
            throw new PoisonEventException("municipality " + ags + " is incomplete: AGS, name, inhabitants > 0, "
                    + "Leitweg-ID, billing address and contact e-mail are needed for invoices");
        }
        Municipality found = municipalities.findById(ags);
        Municipality m = found == null ? new Municipality() : found;
        m.ags = ags;
        m.name = name;
        m.inhabitants = inhabitants;
        m.leitwegId = leitwegId;
        m.street = address.street();
        m.postalCode = address.postalCode();
        m.city = address.city();
        m.countryCode = address.countryCode();
        m.contactEmail = contactEmail;
        m.updatedAt = Instant.now();
        if (found == null) {
            m.registeredAt = m.updatedAt;
            municipalities.persist(m);
        }
    }
}

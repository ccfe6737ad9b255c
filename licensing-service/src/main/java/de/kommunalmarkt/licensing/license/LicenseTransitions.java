package de.kommunalmarkt.licensing.license;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;

/** Moves a licence along its state machine and records each step in its history, in the caller's transaction. */
@ApplicationScoped
public class LicenseTransitions {

    private final EntityManager em;

    public LicenseTransitions(EntityManager em) {
        this.em = em;
    }

    /** Records the creation of a licence as the first step of its history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(License license, String actor, Instant at) {
        record(license.id, null, license.state, LicenseHistoryEntry.REQUEST, actor, null, at);
    }

    /**
     * Applies {@code action} to the licence as it stands {@code today}, or throws
     * {@link de.kommunalmarkt.licensing.IllegalTransitionException} and changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(License license, LicenseAction action, LocalDate today, String actor, String detail, Instant at) {
        // END records what stateOn already shows; every other action starts from the state as of today
        LicenseState current = action == LicenseAction.END ? license.state : license.stateOn(today);
        LicenseState next = current.on(action);
        LicenseState stored = license.state;
        license.state = next;
        record(license.id, stored, next, action.name(), actor, detail, at);
    }

    private void record(java.util.UUID licenseId, LicenseState from, LicenseState to, String action, String actor, String detail, Instant at) {
        LicenseHistoryEntry entry = new LicenseHistoryEntry();
        entry.licenseId = licenseId;
        entry.fromState = from;
        entry.toState = to;
        entry.action = action;
        entry.actor = actor;
        entry.detail = detail;
        entry.at = at;
        em.persist(entry);
    }
}

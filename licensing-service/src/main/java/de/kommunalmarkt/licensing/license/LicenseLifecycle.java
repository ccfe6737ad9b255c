package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
import de.kommunalmarkt.licensing.FactDates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The one owner of the licence lifecycle: every change of a licence's state goes through here — the
 * step on its state machine ({@link LicenseState#on}), its history entry, the licence's fields the step
 * sets, and the licence event in the outbox — all in the caller's transaction, so an event is written
 * exactly when the change it describes commits. A step the state machine refuses throws
 * {@link de.kommunalmarkt.licensing.IllegalTransitionException} before anything is written.
 *
 * <p>Who may ask for a step, and whether its dates and terms are allowed, is decided before (by
 * {@link LicenseService}, and for the activation by the deployment through {@link LicensesForDeployments}).
 */
@ApplicationScoped
public class LicenseLifecycle {

    private final EntityManager em;
    private final Outbox outbox;
    private final LicenseMapper mapper;
    private final LicenseMetrics metrics;
    private final Clock clock;

    public LicenseLifecycle(EntityManager em, Outbox outbox, LicenseMapper mapper, LicenseMetrics metrics, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new licence, persisted REQUESTED by the caller: its first history entry and LicenseRequested. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requested(License license, String actor, Instant now) {
        record(license.id, null, license.state, LicenseHistoryEntry.REQUEST, actor, null, now);
        outbox.publish(mapper.requested(license));
    }

    /** REQUESTED → GRANTED: the terms become the contract; LicenseGranted; counted once the grant commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grant(License license, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.APPROVE, today, actor, null, now);
        license.grantedAt = now;
        outbox.publish(mapper.granted(license));
        metrics.grantedOnCommit();
    }

    /** REQUESTED → REJECTED with the provider's reason; LicenseRejected. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reject(License license, String reason, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.REJECT, today, actor, reason, now);
        license.rejectedAt = now;
        license.rejectionReason = reason;
        outbox.publish(mapper.rejected(license));
    }

    /**
     * A new request refused as it is made (a scaling round's commitment that a rule of a licence request
     * refuses): REQUESTED → REJECTED with the rule's message as the reason. The licence is persisted here,
     * in its final state — it was never open, so the one-open-licence index does not count it, also when
     * the municipality's open licence is the reason — and its history and events are those of a request
     * and its rejection: REQUEST and REJECT, LicenseRequested and LicenseRejected.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestedAndRejected(License license, String reason, String actor, Instant now) {
        LicenseState requested = license.state;
        license.state = requested.on(LicenseAction.REJECT);
        license.rejectedAt = now;
        license.rejectionReason = reason;
        em.persist(license);
        // the licence row before its history rows (foreign key)
        em.flush();
        record(license.id, null, requested, LicenseHistoryEntry.REQUEST, actor, null, now);
        outbox.publish(mapper.requested(license));
        record(license.id, requested, license.state, LicenseAction.REJECT.name(), actor, reason, now);
        outbox.publish(mapper.rejected(license));
    }

    /** GRANTED → CANCELLED before activation; LicenseCancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(License license, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.CANCEL, today, actor, null, now);
        license.cancelledAt = now;
        outbox.publish(mapper.cancelled(license));
    }

    /** The days a deployment of the licence may go live on: from the day it was granted through today. */
    public FactDates activationDates(License license, LocalDate today) {
        return FactDates.liveOn(LocalDate.ofInstant(license.grantedAt, clock.getZone()), today);
    }

    /** GRANTED → ACTIVE: its deployment went live on {@code liveOn}, the activation date; LicenseActivated. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activate(License license, UUID deploymentId, LocalDate liveOn, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.ACTIVATE, today, actor, "deployment " + deploymentId + " live on " + liveOn, now);
        license.activatedOn = liveOn;
        outbox.publish(new LicenseActivated(license.id.toString(), license.solutionId, license.planId, license.adopterAgs,
                license.providerAgs, liveOn));
    }

    /** GRANTED stays GRANTED: after a failed deployment, another is asked of {@code operatorId} (no licence event). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void redeploy(License license, String operatorId, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.REDEPLOY, today, actor, "deployment requested again from " + operatorId, now);
        license.operatorId = operatorId;
    }

    /** Notice: the state stays until {@code endsOn}, the last active day; LicenseTerminated. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void terminate(License license, LocalDate endsOn, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.TERMINATE, today, actor, "ends on " + endsOn, now);
        license.noticeGivenOn = today;
        license.endsOn = endsOn;
        outbox.publish(new LicenseTerminated(license.id.toString(), license.solutionId, license.adopterAgs, license.providerAgs,
                endsOn, today));
    }

    /** ACTIVE → SUSPENDED from {@code suspendedOn}; LicenseSuspended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suspend(License license, LocalDate suspendedOn, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.SUSPEND, today, actor, "from " + suspendedOn, now);
        license.suspendedOn = suspendedOn;
        license.resumedOn = null;
        outbox.publish(new LicenseSuspended(license.id.toString(), license.adopterAgs, suspendedOn));
    }

    /** SUSPENDED → ACTIVE from {@code resumedOn}; LicenseResumed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(License license, LocalDate resumedOn, LocalDate today, String actor, Instant now) {
        apply(license, LicenseAction.RESUME, today, actor, "from " + resumedOn, now);
        license.resumedOn = resumedOn;
        outbox.publish(new LicenseResumed(license.id.toString(), license.adopterAgs, resumedOn));
    }

    /**
     * The end of a licence whose {@code endsOn} has passed, recorded once (by the expiry job or by a new
     * request of its adopter): TERMINATED, LicenseEnded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void end(License license, LocalDate today, Instant now) {
        apply(license, LicenseAction.END, today, "system", "ended on " + license.endsOn, now);
        outbox.publish(mapper.ended(license));
        // the open-licence index must see the end before a new licence of the same solution is written
        em.flush();
    }

    /**
     * Applies {@code action} to the licence as it stands {@code today} and records the step, or throws
     * {@link de.kommunalmarkt.licensing.IllegalTransitionException} and changes nothing.
     */
    private void apply(License license, LicenseAction action, LocalDate today, String actor, String detail, Instant at) {
        // END records what stateOn already shows; every other action starts from the state as of today
        LicenseState current = action == LicenseAction.END ? license.state : license.stateOn(today);
        LicenseState next = current.on(action);
        LicenseState stored = license.state;
        license.state = next;
        record(license.id, stored, next, action.name(), actor, detail, at);
    }

    private void record(UUID licenseId, LicenseState from, LicenseState to, String action, String actor, String detail, Instant at) {
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

package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.DeploymentAccepted;
import de.kommunalmarkt.events.DeploymentCancelled;
import de.kommunalmarkt.events.DeploymentCompleted;
import de.kommunalmarkt.events.DeploymentFailed;
import de.kommunalmarkt.licensing.catalog.CatalogOperator;
import de.kommunalmarkt.licensing.catalog.CatalogOperatorRepository;
import de.kommunalmarkt.licensing.catalog.OperatorCapacityUpdated;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deployments and the operators' capacity. Everything that counts or fills an operator's slots —
 * creating, releasing, accepting, completing, failing, cancelling, a capacity update from the
 * directory — first takes the operator's row lock and only then reads and changes deployments and
 * licences; one lock order everywhere, so parallel grants never exceed capacity and two completions
 * never free one slot twice. (A grant writes its own licence row before it takes the lock: that
 * licence has no deployment yet, so no holder of an operator's lock ever waits for it.) A licence is never changed here: a deployment that went live is signalled
 * to the licence's owner through {@link DeployedLicenses}.
 */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentRepository deployments;
    private final CatalogOperatorRepository operators;
    private final DeployedLicenses licenses;
    private final OperatorEventLog events;
    private final Clock clock;

    public DeploymentService(DeploymentRepository deployments, CatalogOperatorRepository operators, DeployedLicenses licenses,
            OperatorEventLog events, Clock clock) {
        this.deployments = deployments;
        this.operators = operators;
        this.licenses = licenses;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new deployment of the licence by the operator, locked by the caller: requested at once if a
     * slot is free and nobody waits, otherwise QUEUED behind the operator's earlier deployments.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Deployment request(UUID licenseId, CatalogOperator lockedOperator, Instant now) {
        Deployment d = new Deployment();
        d.id = UUID.randomUUID();
        d.licenseId = licenseId;
        d.operatorId = lockedOperator.id;
        d.state = DeploymentState.QUEUED;
        d.queueSeq = deployments.nextQueueSeq();
        d.createdAt = now;
        deployments.persist(d);
        releaseQueued(lockedOperator, now);
        return d;
    }

    /** Requests queued deployments of the locked operator, first in first, while it has free slots. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseQueued(CatalogOperator lockedOperator, Instant now) {
        long free = free(lockedOperator, deployments.countHoldingSlot(lockedOperator.id));
        if (free == 0) {
            return;
        }
        for (Deployment d : deployments.queued(lockedOperator.id, (int) Math.min(free, Integer.MAX_VALUE))) {
            d.apply(DeploymentAction.RELEASE);
            d.requestedAt = now;
            events.publish(d.operatorId, d.id, d.licenseId, DeploymentMapper.requested(d, licenses.solution(d.licenseId), now));
        }
    }

    /**
     * The operator's slots as they stand (read without its lock: a snapshot for the operator's own view;
     * what fills slots counts under the lock, {@link #releaseQueued}). 404 for an operator licensing does
     * not know.
     */
    public CapacityView capacity(String operatorId) {
        CatalogOperator operator = operators.findByIdOptional(operatorId)
                .orElseThrow(() -> ProblemException.notFound("Operator", operatorId));
        long inUse = deployments.countHoldingSlot(operatorId);
        return new CapacityView(operatorId, operator.capacity, inUse, free(operator, inUse),
                deployments.count(operatorId, DeploymentState.QUEUED));
    }

    /** The one rule for free slots: capacity less the deployments holding one, none when they fill or exceed it. */
    private static long free(CatalogOperator operator, long holdingSlot) {
        return Math.max(0, operator.capacity - holdingSlot);
    }

    /** The directory set a known operator's capacity: if it grew, queued deployments get the new slots at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onCapacityUpdated(@Observes OperatorCapacityUpdated update) {
        releaseQueued(update.lockedOperator(), update.at());
    }

    /**
     * Cancels the licence's deployment under way, if any, and hands its slot on. An operator that was
     * asked for it (REQUESTED or ACCEPTED) is told with DeploymentCancelled; a QUEUED one was never
     * announced to the operator, so its cancellation is not either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelOpen(UUID licenseId, Instant now) {
        Deployment open = deployments.openOf(licenseId).orElse(null);
        if (open == null) {
            return;
        }
        CatalogOperator operator = operators.lock(open.operatorId).orElseThrow();
        deployments.getEntityManager().refresh(open);
        boolean operatorWasAsked = DeploymentState.HOLDING_SLOT.contains(open.state);
        open.apply(DeploymentAction.CANCEL);
        open.cancelledAt = now;
        if (operatorWasAsked) {
            events.publish(open.operatorId, open.id, open.licenseId,
                    new DeploymentCancelled(open.id.toString(), open.licenseId.toString(), open.operatorId, now));
        }
        releaseQueued(operator, now);
    }

    @Transactional
    public DeploymentView accept(UUID id, String operatorId) {
        Instant now = now();
        lockOperatorOf(id, operatorId);
        Deployment d = assigned(id, operatorId);
        d.apply(DeploymentAction.ACCEPT);
        d.acceptedAt = now;
        events.publish(d.operatorId, d.id, d.licenseId, new DeploymentAccepted(d.id.toString(), d.licenseId.toString(), d.operatorId, now));
        deployments.flush();
        return DeploymentMapper.view(d, licenses.solution(d.licenseId));
    }

    /**
     * The deployment is live from {@code liveOn}: the licence's owner activates the licence on that day,
     * the slot is handed on. {@code liveOn} lies within the licence's go-live dates, from the day it was
     * granted through today (422 otherwise): an earlier date would bill days before there was a contract
     * and shorten the minimum term.
     */
    @Transactional
    public DeploymentView complete(UUID id, LocalDate liveOn, String operatorId, String actor) {
        LocalDate today = LocalDate.now(clock);
        Instant now = now();
        CatalogOperator operator = lockOperatorOf(id, operatorId);
        Deployment d = assigned(id, operatorId);
        d.apply(DeploymentAction.COMPLETE);
        licenses.goLiveDates(d.licenseId, today).require("liveOn", liveOn);
        d.completedAt = now;
        d.liveOn = liveOn;
        events.publish(d.operatorId, d.id, d.licenseId, new DeploymentCompleted(d.id.toString(), d.licenseId.toString(), d.operatorId, liveOn));
        licenses.wentLive(d.licenseId, d.id, liveOn, today, actor, now);
        releaseQueued(operator, now);
        deployments.flush();
        return DeploymentMapper.view(d, licenses.solution(d.licenseId));
    }

    /** The deployment failed; the slot is handed on and the adopter may ask again. */
    @Transactional
    public DeploymentView fail(UUID id, String reason, String operatorId) {
        Instant now = now();
        CatalogOperator operator = lockOperatorOf(id, operatorId);
        Deployment d = assigned(id, operatorId);
        d.apply(DeploymentAction.FAIL);
        d.failedAt = now;
        d.failureReason = reason.strip();
        events.publish(d.operatorId, d.id, d.licenseId, new DeploymentFailed(d.id.toString(), d.licenseId.toString(), d.operatorId, d.failureReason, now));
        releaseQueued(operator, now);
        deployments.flush();
        return DeploymentMapper.view(d, licenses.solution(d.licenseId));
    }

    /** One deployment: an operator sees its own ({@code operatorId}), a marketplace admin every one ({@code null}). */
    public DeploymentView get(UUID id, String operatorId) {
        Deployment d = deployments.findByIdOptional(id)
                .filter(found -> operatorId == null || found.operatorId.equals(operatorId))
                .orElseThrow(() -> ProblemException.notFound("Deployment", id));
        return DeploymentMapper.view(d, licenses.solution(d.licenseId));
    }

    /** Deployments in queue order: of one operator, or of all ({@code operatorId} null). */
    public PageResult<DeploymentView> list(String operatorId, DeploymentState state, PageParams page) {
        List<Deployment> items = deployments.page(operatorId, state, Page.of(page.page, page.size));
        Map<UUID, LicensedSolution> byId = items.isEmpty() ? Map.of()
                : licenses.solutions(items.stream().map(d -> d.licenseId).distinct().toList());
        return PageResult.of(items.stream().map(d -> DeploymentMapper.view(d, byId.get(d.licenseId))).toList(), page,
                deployments.count(operatorId, state));
    }

    /** Locks the calling operator before its deployment is read; an operator the directory lacks has none. */
    private CatalogOperator lockOperatorOf(UUID deploymentId, String operatorId) {
        return operators.lock(operatorId).orElseThrow(() -> ProblemException.notFound("Deployment", deploymentId));
    }

    /** The operator's deployment; another operator's is as invisible as a missing one. */
    private Deployment assigned(UUID id, String operatorId) {
        return deployments.findByIdOptional(id).filter(d -> d.operatorId.equals(operatorId))
                .orElseThrow(() -> ProblemException.notFound("Deployment", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

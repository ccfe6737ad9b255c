package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.licensing.FactDates;
import de.kommunalmarkt.licensing.LicensingConfig;
import de.kommunalmarkt.licensing.catalog.CatalogOperator;
import de.kommunalmarkt.licensing.catalog.CatalogOperatorRepository;
import de.kommunalmarkt.licensing.catalog.CatalogPlan;
import de.kommunalmarkt.licensing.catalog.CatalogPlanRepository;
import de.kommunalmarkt.licensing.catalog.CatalogSolution;
import de.kommunalmarkt.licensing.catalog.CatalogSolutionRepository;
import de.kommunalmarkt.licensing.deployment.Deployment;
import de.kommunalmarkt.licensing.deployment.DeploymentMapper;
import de.kommunalmarkt.licensing.deployment.DeploymentRepository;
import de.kommunalmarkt.licensing.deployment.DeploymentService;
import de.kommunalmarkt.licensing.deployment.DeploymentView;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Licence requests, decisions, notice and suspension: who may ask, whether the catalog, the terms and
 * the dates allow it, and the deployments a grant, a cancellation or a new attempt needs. Every change
 * is one transaction; the licence's step itself — state, history row, event in the outbox — is
 * {@link LicenseLifecycle}'s. A refused change leaves nothing behind — except a scaling round's
 * commitment, whose refusal is recorded as a request rejected at once ({@link #requestCommitted}).
 */
@ApplicationScoped
public class LicenseService {

    private static final String ONE_OPEN_PER_SOLUTION = "license_one_open_per_solution";
    private static final String AUTO_APPROVAL = "auto-approval";
    /** The length of {@code license.rejection_reason}. */
    private static final int MAX_REASON = 1000;

    private final LicenseRepository licenses;
    private final LicenseLifecycle lifecycle;
    private final LicenseMapper mapper;
    private final CatalogSolutionRepository solutions;
    private final CatalogPlanRepository plans;
    private final CatalogOperatorRepository operators;
    private final DeploymentService deploymentService;
    private final DeploymentRepository deployments;
    private final EntityManager em;
    private final Clock clock;
    private final LicensingConfig config;

    public LicenseService(LicenseRepository licenses, LicenseLifecycle lifecycle, LicenseMapper mapper,
            CatalogSolutionRepository solutions, CatalogPlanRepository plans, CatalogOperatorRepository operators,
            DeploymentService deploymentService, DeploymentRepository deployments, EntityManager em, Clock clock,
            LicensingConfig config) {
        this.licenses = licenses;
        this.lifecycle = lifecycle;
        this.mapper = mapper;
        this.solutions = solutions;
        this.plans = plans;
        this.operators = operators;
        this.deploymentService = deploymentService;
        this.deployments = deployments;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A municipality asks for a licence. Refused with 422 (naming the field) when licensing does not
     * know the solution, plan or operator, the solution is not published, the plan is another
     * solution's or the operator's type is not supported; with 409 when the municipality already holds
     * an open licence of the solution ({@link #admit}). Under AUTO approval it is granted at once.
     */
    @Transactional
    public LicenseView request(LicenseRequest request, String adopterAgs, String actor) {
        Instant now = now();
        LocalDate today = today();
        Admission admitted = admit(adopterAgs, request.solutionId().toString(), request.planId().toString(), request.operatorId(),
                today, now);
        License license = open(admitted, adopterAgs, null, actor, now);
        if (admitted.solution().approvalPolicy != ApprovalPolicy.AUTO) {
            licenses.flush();
            return view(license, today, null);
        }
        return grant(license, admitted.operator().id, today, AUTO_APPROVAL, now);
    }

    /**
     * A municipality's commitment in a scaling round that succeeded ({@link RoundCommitments}): a request
     * under the very rules of {@link #request} ({@link #admit}), approved at once whatever the solution's
     * approval policy — the round's success is the provider's approval — so it is granted and its
     * deployment requested or queued as usual. A commitment a rule refuses is not lost: it is recorded as
     * a request rejected at once, the rule's message its reason (LicenseRequested, LicenseRejected).
     * Once per round and municipality: a commitment recorded before is left as it is (empty). A
     * transaction of its own, so that one commitment's operator lock is held only for it, and a 409 from
     * a parallel request of the municipality that won the race for its one open licence rolls back only
     * this commitment (asked again, the rules then refuse it); the caller holds the round
     * ({@link LicenseRepository#lockRound}).
     *
     * @return the state the commitment's licence was recorded in, empty if it had been recorded before
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<LicenseState> requestCommitted(RoundCommitment commitment) {
        if (licenses.ofRound(commitment.roundId(), commitment.adopterAgs()).isPresent()) {
            return Optional.empty();
        }
        Instant now = now();
        LocalDate today = today();
        Admission admitted;
        try {
            admitted = admit(commitment.adopterAgs(), commitment.solutionId(), commitment.planId(), commitment.operatorId(), today, now);
        } catch (ProblemException refused) {
            License rejected = refused(commitment, reason(refused), now);
            return Optional.of(rejected.state);
        }
        // 409 if a parallel request of the municipality wins the race for the open licence (see above)
        License license = open(admitted, commitment.adopterAgs(), commitment.roundId(), commitment.actor(), now);
        grant(license, admitted.operator().id, today, commitment.actor(), now);
        return Optional.of(license.state);
    }

    /** The solution's provider grants a request: terms frozen, LicenseGranted, a deployment requested or queued. */
    @Transactional
    public LicenseView approve(UUID id, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isProviderOf(license), "Only the solution's provider decides on a licence request");
        license.stateOn(today).on(LicenseAction.APPROVE);
        return grant(license, license.operatorId, today, actor, now);
    }

    @Transactional
    public LicenseView reject(UUID id, String reason, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isProviderOf(license), "Only the solution's provider decides on a licence request");
        lifecycle.reject(license, reason.strip(), today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    /**
     * The adopter withdraws a granted licence before activation: LicenseCancelled, and a deployment
     * under way is cancelled (DeploymentCancelled if its operator had been asked).
     */
    @Transactional
    public LicenseView cancel(UUID id, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isAdopterOf(license), "Only the adopting municipality cancels its licence");
        license.stateOn(today).on(LicenseAction.CANCEL);
        deploymentService.cancelOpen(license.id, now);
        lifecycle.cancel(license, today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    /** The adopter gives notice; {@code endsOn} must be a month end not before the earliest allowed date. */
    @Transactional
    public LicenseView terminate(UUID id, LocalDate endsOn, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isAdopterOf(license), "Only the adopting municipality gives notice");
        LicenseState current = license.stateOn(today);
        current.on(LicenseAction.TERMINATE);
        if (license.endsOn != null) {
            throw ProblemException.conflict("Notice has already been given: the licence ends on " + license.endsOn)
                    .with("currentState", current.name()).with("endsOn", license.endsOn.toString());
        }
        PlanTerms terms = mapper.terms(license);
        LocalDate earliest = TerminationRule.earliestEndsOn(today, terms.noticePeriodDays(), license.activatedOn, terms.minimumTermMonths());
        if (!TerminationRule.allows(endsOn, earliest)) {
            String why = TerminationRule.isMonthEnd(endsOn) ? "is before the earliest allowed end" : "is not the last day of a month";
            throw ProblemException.unprocessable("endsOn " + endsOn + " " + why + "; the earliest allowed end is " + earliest
                            + " (notice period " + terms.noticePeriodDays() + " days, minimum term " + terms.minimumTermMonths() + " months)",
                    List.of(new Problem.Violation("endsOn", why + "; earliest allowed: " + earliest)))
                    .with("earliestEndsOn", earliest.toString());
        }
        lifecycle.terminate(license, endsOn, today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    /**
     * A marketplace admin stops billing from {@code suspendedOn}: not before the activation (or the last
     * resumption), not after {@code endsOn}, at most {@code licensing.suspension.max-months-back} months
     * back; a later date is announced ahead.
     */
    @Transactional
    public LicenseView suspend(UUID id, LocalDate suspendedOn, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        license.stateOn(today).on(LicenseAction.SUSPEND);
        boolean resumedBefore = license.resumedOn != null && license.resumedOn.isAfter(license.activatedOn);
        FactDates.backDated(resumedBefore ? license.resumedOn : license.activatedOn,
                resumedBefore ? "the last resumption" : "the activation date", today, config.suspension().maxMonthsBack())
                .require("suspendedOn", suspendedOn);
        if (license.endsOn != null && suspendedOn.isAfter(license.endsOn)) {
            throw unprocessable("suspendedOn", "must not be after the licence's end " + license.endsOn);
        }
        lifecycle.suspend(license, suspendedOn, today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    /** A marketplace admin restarts billing from {@code resumedOn}: not before the suspension's start, nor further back than allowed. */
    @Transactional
    public LicenseView resume(UUID id, LocalDate resumedOn, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        license.stateOn(today).on(LicenseAction.RESUME);
        FactDates.backDated(license.suspendedOn, "the suspension's start", today, config.suspension().maxMonthsBack())
                .require("resumedOn", resumedOn);
        lifecycle.resume(license, resumedOn, today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    /** After a failed deployment the adopter asks again, with the same or another operator. */
    @Transactional
    public DeploymentView redeploy(UUID id, String operatorId, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isAdopterOf(license), "Only the adopting municipality asks for a deployment");
        license.stateOn(today).on(LicenseAction.REDEPLOY);
        Deployment open = deployments.openOf(license.id).orElse(null);
        if (open != null) {
            throw ProblemException.conflict("Licence " + id + " already has deployment " + open.id + " under way (" + open.state
                    + "); a deployment is requested again only after one failed")
                    .with("currentState", open.state.name()).with("deploymentId", open.id.toString());
        }
        CatalogOperator operator = operators.lock(operatorId)
                .orElseThrow(() -> unprocessable("operatorId", "licensing does not know operator " + operatorId));
        List<de.kommunalmarkt.events.OperatorType> supported = solutions.findByIdOptional(license.solutionId)
                .map(CatalogSolution::supportedOperatorTypes).orElse(List.of());
        if (!supported.contains(operator.operatorType)) {
            throw unprocessable("operatorId", "operator " + operatorId + " is " + operator.operatorType
                    + "; solution " + license.solutionId + " supports " + supported)
                    .with("supportedOperatorTypes", supported);
        }
        lifecycle.redeploy(license, operatorId, today, actor, now);
        Deployment deployment = deploymentService.request(license.id, operator, now);
        licenses.flush();
        return DeploymentMapper.view(deployment, mapper.licensedSolution(license));
    }

    public LicenseView get(UUID id, LicenseScope scope) {
        return view(visible(id, scope), today());
    }

    public PageResult<LicenseView> list(LicenseScope scope, LicenseState state, UUID solutionId, PageParams page) {
        LocalDate today = today();
        String solution = solutionId == null ? null : solutionId.toString();
        List<LicenseView> items = licenses.page(scope, state, solution, today, Page.of(page.page, page.size)).stream()
                .map(l -> mapper.view(l, today, null, null)).toList();
        return PageResult.of(items, page, licenses.count(scope, state, solution, today));
    }

    /** Licences whose {@code endsOn} lies before {@code today} and whose end is not recorded yet. */
    public List<UUID> dueToEnd(LocalDate today) {
        return licenses.dueToEnd(today);
    }

    /**
     * Ends the licence if it is due (the expiry job): TERMINATED and LicenseEnded in one transaction.
     * False when it is not due (any more), or another instance is ending it right now.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean endIfDue(UUID id, LocalDate today) {
        return licenses.lockIfDueToEnd(id, today).map(license -> {
            lifecycle.end(license, today, now());
            return true;
        }).orElse(false);
    }

    /** What a request asks for, as licensing knows it, once the rules of a licence request allowed it. */
    private record Admission(CatalogSolution solution, CatalogPlan plan, CatalogOperator operator) {
    }

    /**
     * The rules of a licence request, the one place for them (a REST request and a scaling round's
     * commitment alike): refused with 422 naming the field when licensing does not know the solution,
     * plan or operator, the solution is not published, the plan is another solution's or the operator's
     * type is not supported; with 409 when the municipality already holds an open licence of the solution.
     * An open licence whose end has passed (the expiry job has not recorded it yet) is ended here, so it no
     * longer stands in the way; nothing else is written.
     */
    private Admission admit(String adopterAgs, String solutionId, String planId, String operatorId, LocalDate today, Instant now) {
        CatalogSolution solution = solutions.findByIdOptional(solutionId).orElseThrow(() -> unprocessable("solutionId",
                "licensing does not know solution " + solutionId + " (not published, or not yet arrived from the catalog)"));
        if (solution.state != SolutionState.PUBLISHED) {
            throw unprocessable("solutionId", "solution " + solutionId + " is " + solution.state + " and takes no new licences")
                    .with("solutionState", solution.state.name());
        }
        CatalogPlan plan = plans.findByIdOptional(planId).orElseThrow(() -> unprocessable("planId",
                "licensing does not know plan " + planId));
        if (!plan.solutionId.equals(solutionId)) {
            throw unprocessable("planId", "plan " + planId + " is not a plan of solution " + solutionId);
        }
        CatalogOperator operator = operators.findByIdOptional(operatorId)
                .orElseThrow(() -> unprocessable("operatorId", "licensing does not know operator " + operatorId));
        if (!solution.supportedOperatorTypes().contains(operator.operatorType)) {
            throw unprocessable("operatorId", "operator " + operator.id + " is " + operator.operatorType
                    + "; solution " + solutionId + " supports " + solution.supportedOperatorTypes())
                    .with("supportedOperatorTypes", solution.supportedOperatorTypes());
        }
        licenses.findOpen(adopterAgs, solutionId).ifPresent(existing -> {
            if (existing.stateOn(today) != LicenseState.TERMINATED) {
                throw alreadyLicensed(solutionId, existing.id, existing.stateOn(today));
            }
            lifecycle.end(existing, today, now);
        });
        return new Admission(solution, plan, operator);
    }

    /**
     * The admitted request as a new licence, REQUESTED (its history entry and LicenseRequested); 409 if a
     * parallel request of the same municipality won the race for the one open licence of the solution.
     */
    private License open(Admission admitted, String adopterAgs, UUID scalingRoundId, String actor, Instant now) {
        License license = newLicense(adopterAgs, admitted.solution().id, admitted.plan().id, admitted.operator().id, scalingRoundId, now);
        license.solutionName = admitted.solution().name;
        license.hostingModes = admitted.solution().hostingModes;
        license.providerAgs = admitted.solution().providerAgs;
        license.approvalPolicy = admitted.solution().approvalPolicy;
        license.terms = admitted.plan().terms;
        licenses.persist(license);
        try {
            licenses.flush();
        } catch (PersistenceException e) {
            if (violates(e, ONE_OPEN_PER_SOLUTION)) {
                // a parallel request of the same municipality won the race
                throw alreadyLicensed(admitted.solution().id, null, null);
            }
            throw e;
        }
        lifecycle.requested(license, actor, now);
        return license;
    }

    /**
     * A refused commitment as a request rejected at once, with what licensing knows of the solution (else
     * what the round says of it) and the plan's terms if it is a plan of the solution.
     */
    private License refused(RoundCommitment commitment, String reason, Instant now) {
        License license = newLicense(commitment.adopterAgs(), commitment.solutionId(), commitment.planId(), commitment.operatorId(),
                commitment.roundId(), now);
        CatalogSolution solution = solutions.findByIdOptional(commitment.solutionId()).orElse(null);
        license.solutionName = solution == null ? commitment.solutionName() : solution.name;
        license.hostingModes = solution == null ? "" : solution.hostingModes;
        license.providerAgs = solution == null ? commitment.providerAgs() : solution.providerAgs;
        license.approvalPolicy = solution == null ? null : solution.approvalPolicy;
        license.terms = plans.findByIdOptional(commitment.planId()).filter(p -> p.solutionId.equals(commitment.solutionId()))
                .map(p -> p.terms).orElse(null);
        lifecycle.requestedAndRejected(license, reason, commitment.actor(), now);
        return license;
    }

    private static License newLicense(String adopterAgs, String solutionId, String planId, String operatorId, UUID scalingRoundId,
            Instant now) {
        License license = new License();
        license.id = UUID.randomUUID();
        license.state = LicenseState.REQUESTED;
        license.solutionId = solutionId;
        license.planId = planId;
        license.operatorId = operatorId;
        license.adopterAgs = adopterAgs;
        license.scalingRoundId = scalingRoundId;
        license.requestedAt = now;
        return license;
    }

    /** A refusal as a rejection reason: the rule's message, and the licence that stands in the way, if any. */
    private static String reason(ProblemException refused) {
        Map<String, Object> details = refused.toProblem().extensions();
        String reason = refused.getMessage();
        if (details != null && details.get("licenseId") != null) {
            reason += " (licence " + details.get("licenseId") + ", " + details.get("currentState") + ")";
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    /**
     * The grant, then the deployment it asks of the operator (requested at once or queued); returns the
     * granted licence's view with that deployment. The licence's own rows — its state, history and
     * LicenseGranted — are written first, and what the response shows of the licence (its history, the
     * municipalities' names) is read then too; only after that is the operator's lock taken, for what
     * counts and fills its slots: the lock is held for that part and the commit, not for the whole
     * request, so grants for one operator queue up behind each other only briefly. FIFO and capacity stay
     * exact, as the queue number and the count are taken under the lock. No deadlock: a new licence is
     * seen by nobody before its commit, a second approve of the same one waits for the licence row and
     * then fails its version check (409), and whoever holds an operator's lock only ever changes licences
     * that are granted already, never one that is being granted.
     */
    private LicenseView grant(License license, String operatorId, LocalDate today, String actor, Instant now) {
        lifecycle.grant(license, today, actor, now);
        licenses.flush();
        LicenseView granted = view(license, today, null);
        CatalogOperator operator = operators.lock(operatorId).orElseThrow();
        Deployment deployment = deploymentService.request(license.id, operator, now);
        licenses.flush();
        return granted.withDeployment(DeploymentMapper.view(deployment, mapper.licensedSolution(license)));
    }

    private LicenseView view(License license, LocalDate today) {
        return view(license, today, deployments.latestOf(license.id).orElse(null));
    }

    /** The licence's view with its latest deployment as the caller knows it ({@code null}: none). */
    private LicenseView view(License license, LocalDate today, Deployment latest) {
        DeploymentView deployment = latest == null ? null : DeploymentMapper.view(latest, mapper.licensedSolution(license));
        List<LicenseHistoryEntry> history = em.createQuery("from LicenseHistoryEntry where licenseId = ?1 order by id", LicenseHistoryEntry.class)
                .setParameter(1, license.id).getResultList();
        return mapper.view(license, today, deployment, history);
    }

    /** The licence if the caller's scope includes it; otherwise it does not exist for the caller (404). */
    private License visible(UUID id, LicenseScope scope) {
        return licenses.findByIdOptional(id).filter(scope::sees).orElseThrow(() -> ProblemException.notFound("Licence", id));
    }

    private static void requireRelation(boolean related, String detail) {
        if (!related) {
            throw ProblemException.forbidden(detail);
        }
    }

    private static ProblemException unprocessable(String field, String message) {
        return ProblemException.unprocessable(field + ": " + message, List.of(new Problem.Violation(field, message)));
    }

    private static ProblemException alreadyLicensed(String solutionId, UUID existing, LicenseState state) {
        ProblemException problem = ProblemException.conflict("Your municipality already holds a licence of solution " + solutionId
                + " that is not rejected, cancelled or terminated");
        if (existing != null) {
            problem.with("licenseId", existing.toString()).with("currentState", state.name());
        }
        return problem;
    }

    private static boolean violates(PersistenceException e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

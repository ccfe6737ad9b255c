package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.LicenseResumed;
import de.kommunalmarkt.events.LicenseSuspended;
import de.kommunalmarkt.events.LicenseTerminated;
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
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Licence requests, decisions, notice and suspension. Every change is one transaction with its
 * history row and its events in the outbox; a refused change leaves nothing behind.
 */
@ApplicationScoped
public class LicenseService {

    private static final String ONE_OPEN_PER_SOLUTION = "license_one_open_per_solution";
    private static final String AUTO_APPROVAL = "auto-approval";

    private final LicenseRepository licenses;
    private final LicenseTransitions transitions;
    private final LicenseMapper mapper;
    private final CatalogSolutionRepository solutions;
    private final CatalogPlanRepository plans;
    private final CatalogOperatorRepository operators;
    private final DeploymentService deploymentService;
    private final DeploymentRepository deployments;
    private final Outbox outbox;
    private final LicenseMetrics metrics;
    private final EntityManager em;
    private final Clock clock;
    private final LicensingConfig config;

    public LicenseService(LicenseRepository licenses, LicenseTransitions transitions, LicenseMapper mapper,
            CatalogSolutionRepository solutions, CatalogPlanRepository plans, CatalogOperatorRepository operators,
            DeploymentService deploymentService, DeploymentRepository deployments, Outbox outbox, LicenseMetrics metrics,
            EntityManager em, Clock clock, LicensingConfig config) {
        this.licenses = licenses;
        this.transitions = transitions;
        this.mapper = mapper;
        this.solutions = solutions;
        this.plans = plans;
        this.operators = operators;
        this.deploymentService = deploymentService;
        this.deployments = deployments;
        this.outbox = outbox;
        this.metrics = metrics;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A municipality asks for a licence. Refused with 422 (naming the field) when licensing does not
     * know the solution, plan or operator, the solution is not published, the plan is another
     * solution's or the operator's type is not supported; with 409 when the municipality already holds
     * an open licence of the solution. Under AUTO approval it is granted at once.
     */
    @Transactional
    public LicenseView request(LicenseRequest request, String adopterAgs, String actor) {
        Instant now = now();
        LocalDate today = today();
        String solutionId = request.solutionId().toString();
        String planId = request.planId().toString();
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
        boolean grantNow = solution.approvalPolicy == ApprovalPolicy.AUTO;
        // a grant fills a slot: take the operator's lock before anything else is written
        CatalogOperator operator = (grantNow ? operators.lock(request.operatorId()) : operators.findByIdOptional(request.operatorId()))
                .orElseThrow(() -> unprocessable("operatorId", "licensing does not know operator " + request.operatorId()));
        if (!solution.supportedOperatorTypes().contains(operator.operatorType)) {
            throw unprocessable("operatorId", "operator " + operator.id + " is " + operator.operatorType
                    + "; solution " + solutionId + " supports " + solution.supportedOperatorTypes())
                    .with("supportedOperatorTypes", solution.supportedOperatorTypes());
        }
        licenses.findOpen(adopterAgs, solutionId).ifPresent(existing -> {
            if (existing.stateOn(today) != LicenseState.TERMINATED) {
                throw alreadyLicensed(solutionId, existing.id, existing.stateOn(today));
            }
            endLicence(existing, today, now);
        });

        License license = new License();
        license.id = UUID.randomUUID();
        license.state = LicenseState.REQUESTED;
        license.solutionId = solutionId;
        license.solutionName = solution.name;
        license.hostingModes = solution.hostingModes;
        license.planId = planId;
        license.operatorId = operator.id;
        license.adopterAgs = adopterAgs;
        license.providerAgs = solution.providerAgs;
        license.approvalPolicy = solution.approvalPolicy;
        license.terms = plan.terms;
        license.requestedAt = now;
        licenses.persist(license);
        try {
            licenses.flush();
        } catch (PersistenceException e) {
            if (violates(e, ONE_OPEN_PER_SOLUTION)) {
                // a parallel request of the same municipality won the race
                throw alreadyLicensed(solutionId, null, null);
            }
            throw e;
        }
        transitions.created(license, actor, now);
        outbox.publish(mapper.requested(license));
        if (grantNow) {
            grant(license, operator, today, AUTO_APPROVAL, now);
        }
        licenses.flush();
        return view(license, today);
    }

    /** The solution's provider grants a request: terms frozen, LicenseGranted, a deployment requested or queued. */
    @Transactional
    public LicenseView approve(UUID id, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isProviderOf(license), "Only the solution's provider decides on a licence request");
        license.stateOn(today).on(LicenseAction.APPROVE);
        CatalogOperator operator = operators.lock(license.operatorId).orElseThrow();
        grant(license, operator, today, actor, now);
        licenses.flush();
        return view(license, today);
    }

    @Transactional
    public LicenseView reject(UUID id, String reason, LicenseScope scope, String actor) {
        Instant now = now();
        LocalDate today = today();
        License license = visible(id, scope);
        requireRelation(scope.isProviderOf(license), "Only the solution's provider decides on a licence request");
        transitions.apply(license, LicenseAction.REJECT, today, actor, reason.strip(), now);
        license.rejectedAt = now;
        license.rejectionReason = reason.strip();
        outbox.publish(mapper.rejected(license));
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
        deploymentService.cancelOpen(license, now);
        transitions.apply(license, LicenseAction.CANCEL, today, actor, null, now);
        license.cancelledAt = now;
        outbox.publish(mapper.cancelled(license));
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
        transitions.apply(license, LicenseAction.TERMINATE, today, actor, "ends on " + endsOn, now);
        license.noticeGivenOn = today;
        license.endsOn = endsOn;
        outbox.publish(new LicenseTerminated(license.id.toString(), license.solutionId, license.adopterAgs, license.providerAgs,
                endsOn, today));
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
        transitions.apply(license, LicenseAction.SUSPEND, today, actor, "from " + suspendedOn, now);
        license.suspendedOn = suspendedOn;
        license.resumedOn = null;
        outbox.publish(new LicenseSuspended(license.id.toString(), license.adopterAgs, suspendedOn));
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
        transitions.apply(license, LicenseAction.RESUME, today, actor, "from " + resumedOn, now);
        license.resumedOn = resumedOn;
        outbox.publish(new LicenseResumed(license.id.toString(), license.adopterAgs, resumedOn));
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
        transitions.apply(license, LicenseAction.REDEPLOY, today, actor, "deployment requested again from " + operatorId, now);
        license.operatorId = operatorId;
        Deployment deployment = deploymentService.request(license, operator, now);
        licenses.flush();
        return DeploymentMapper.view(deployment, license);
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
            endLicence(license, today, now());
            return true;
        }).orElse(false);
    }

    private void grant(License license, CatalogOperator lockedOperator, LocalDate today, String actor, Instant now) {
        transitions.apply(license, LicenseAction.APPROVE, today, actor, null, now);
        license.grantedAt = now;
        outbox.publish(mapper.granted(license));
        deploymentService.request(license, lockedOperator, now);
        metrics.grantedOnCommit();
    }

    /** The end of a licence whose {@code endsOn} has passed, recorded once: by the expiry job or by a new request of its adopter. */
    private void endLicence(License license, LocalDate today, Instant now) {
        transitions.apply(license, LicenseAction.END, today, "system", "ended on " + license.endsOn, now);
        outbox.publish(mapper.ended(license));
        // the open-licence index must see the end before a new licence of the same solution is written
        licenses.flush();
    }

    private LicenseView view(License license, LocalDate today) {
        DeploymentView deployment = deployments.latestOf(license.id).map(d -> DeploymentMapper.view(d, license)).orElse(null);
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

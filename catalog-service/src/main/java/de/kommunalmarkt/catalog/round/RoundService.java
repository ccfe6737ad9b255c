package de.kommunalmarkt.catalog.round;

import de.kommunalmarkt.catalog.directory.Municipality;
import de.kommunalmarkt.catalog.directory.MunicipalityRepository;
import de.kommunalmarkt.catalog.directory.Operator;
import de.kommunalmarkt.catalog.directory.OperatorRepository;
import de.kommunalmarkt.catalog.solution.Plan;
import de.kommunalmarkt.catalog.solution.Solution;
import de.kommunalmarkt.catalog.solution.SolutionChanged;
import de.kommunalmarkt.catalog.solution.SolutionRepository;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem.Violation;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.problem.ProblemType;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.SolutionState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Scaling rounds: a provider opens one for a published solution of its own, municipalities pledge
 * (one pledge each, a new one replaces it) and may withdraw until the close; the round closes early by
 * its provider once it would succeed, or on its date by {@link RoundClosing}. Pledges, withdrawals and
 * closes take the round's row lock first, so on every instance they happen one after the other and
 * nothing is pledged after a close. Every change leaves as an event on {@code catalog.rounds} through
 * the outbox, in the same transaction; and the solution's view shows the round's new totals.
 */
@ApplicationScoped
public class RoundService {

    /** The partial unique index of migration V8: at most one OPEN round per solution. */
    static final String ONE_OPEN_PER_SOLUTION = "scaling_round_one_open";

    private final ScalingRoundRepository rounds;
    private final PledgeRepository pledges;
    private final SolutionRepository solutions;
    private final MunicipalityRepository municipalities;
    private final OperatorRepository operators;
    private final Outbox outbox;
    private final Event<SolutionChanged> changed;
    private final MeterRegistry metrics;
    private final Clock clock;

    public RoundService(ScalingRoundRepository rounds, PledgeRepository pledges, SolutionRepository solutions,
            MunicipalityRepository municipalities, OperatorRepository operators, Outbox outbox, Event<SolutionChanged> changed,
            MeterRegistry metrics, Clock clock) {
        this.rounds = rounds;
        this.pledges = pledges;
        this.solutions = solutions;
        this.municipalities = municipalities;
        this.operators = operators;
        this.outbox = outbox;
        this.changed = changed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What a pledge did: the round as the pledger now sees it, and whether it was the municipality's first pledge. */
    public record Pledged(RoundView round, boolean first) {
    }

    @Transactional
    public RoundView open(String providerAgs, UUID solutionId, RoundRequest request) {
        return open(providerAgs, solutionId, UUID.randomUUID(), request);
    }

    /**
     * Opens a round under a given id (the demo dataset uses name-based ids). Refused: unknown solution
     * (or another municipality's draft) 404; another municipality's solution 403; a solution that is not
     * PUBLISHED, or one with an OPEN round, 409; a request breaking {@link RoundRules#opening} 422.
     */
    @Transactional
    public RoundView open(String providerAgs, UUID solutionId, UUID roundId, RoundRequest request) {
        // a share lock: a deprecation waits until the round is opened (and then finds it), never the other way round
        Solution s = solutions.findByIdOptional(solutionId, LockModeType.PESSIMISTIC_READ)
                .filter(found -> found.isPublic() || found.providerAgs.equals(providerAgs))
                .orElseThrow(() -> ProblemException.notFound("Solution", solutionId));
        if (!s.providerAgs.equals(providerAgs)) {
            throw ProblemException.forbidden("Only the solution's provider (" + s.providerAgs + ") opens a scaling round for it");
        }
        if (s.state != SolutionState.PUBLISHED) {
            throw ProblemException.conflict("Solution " + solutionId + " is " + s.state + "; only a published solution opens a scaling round")
                    .with("currentState", s.state);
        }
        rounds.openOf(solutionId).ifPresent(open -> {
            throw alreadyOpen(solutionId, open.id);
        });
        LocalDate today = today();
        List<Violation> violations = RoundRules.opening(request, today);
        if (!violations.isEmpty()) {
            throw refused("The scaling round cannot be opened: ", violations);
        }
        if (rounds.findByIdOptional(roundId).isPresent()) {
            throw ProblemException.conflict("Scaling round " + roundId + " exists already").with("id", roundId);
        }
        ScalingRound r = new ScalingRound();
        r.id = roundId;
        r.solutionId = solutionId;
        r.providerAgs = providerAgs;
        r.state = RoundState.OPEN;
        RoundMapper.apply(request, r);
        r.openedAt = now();
        rounds.persist(r);
        try {
            rounds.flush();
        } catch (PersistenceException e) {
            if (violates(e, ONE_OPEN_PER_SOLUTION)) {
                // a parallel request opened one first
                throw alreadyOpen(solutionId, null);
            }
            throw e;
        }
        outbox.publish(RoundMapper.opened(r, s.name));
        changed.fire(new SolutionChanged(solutionId));
        metrics.counter("kommunalmarkt_scaling_rounds_opened").increment();
        return view(r, new Viewer(Optional.empty(), Optional.of(providerAgs), false), today);
    }

    /**
     * The municipality pledges, or replaces its pledge. Refused: unknown round 404; round not open (closed,
     * or its date passed) or solution deprecated 409; the round's own provider, a municipality not in the
     * directory, or a pledge breaking {@link RoundRules#pledge} or naming a plan that is not an offered plan of
     * the solution or an operator that is unknown or of a type the solution does not support, 422.
     */
    @Transactional
    public Pledged pledge(String municipalityAgs, UUID roundId, PledgeRequest request, Viewer viewer) {
        ScalingRound r = locked(roundId);
        LocalDate today = today();
        requireOpen(r, today, "takes no pledges");
        Solution s = solutions.findById(r.solutionId, LockModeType.PESSIMISTIC_READ);
        if (s.state != SolutionState.PUBLISHED) {
            throw ProblemException.conflict("Solution " + s.id + " is " + s.state + "; its scaling round takes no more pledges")
                    .with("solutionState", s.state);
        }
        if (municipalityAgs.equals(r.providerAgs)) {
            throw ProblemException.unprocessable("A provider cannot pledge to its own scaling round (your municipality "
                    + municipalityAgs + " opened it)");
        }
        if (municipalities.findByIdOptional(municipalityAgs).isEmpty()) {
            throw ProblemException.unprocessable("Your municipality " + municipalityAgs + " is not registered in the directory yet; "
                    + "a marketplace admin registers it before it can pledge").with("municipalityAgs", municipalityAgs);
        }
        List<Violation> violations = new ArrayList<>(RoundRules.pledge(request));
        violations.addAll(commitment(request, s));
        if (!violations.isEmpty()) {
            throw refused("The pledge cannot be taken: ", violations);
        }
        Optional<Pledge> existing = pledges.of(roundId, municipalityAgs);
        Pledge p = existing.orElseGet(() -> {
            Pledge fresh = new Pledge();
            fresh.id = UUID.randomUUID();
            fresh.roundId = roundId;
            fresh.municipalityAgs = municipalityAgs;
            return fresh;
        });
        RoundMapper.apply(request, p);
        p.pledgedAt = now();
        if (existing.isEmpty()) {
            pledges.persist(p);
        }
        pledges.flush();
        outbox.publish(RoundMapper.made(r, p));
        changed.fire(new SolutionChanged(r.solutionId));
        metrics.counter("kommunalmarkt_scaling_round_pledges", "change", existing.isEmpty() ? "made" : "replaced").increment();
        return new Pledged(view(r, viewer, today), existing.isEmpty());
    }

    /** The municipality withdraws its pledge: 404 when it has none, 409 when the round is not open any more. */
    @Transactional
    public void withdraw(String municipalityAgs, UUID roundId) {
        ScalingRound r = locked(roundId);
        requireOpen(r, today(), "is closed; pledges can no longer be withdrawn");
        Pledge p = pledges.of(roundId, municipalityAgs).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "Your municipality " + municipalityAgs + " has no pledge to scaling round " + roundId, null));
        pledges.delete(p);
        pledges.flush();
        outbox.publish(RoundMapper.withdrawn(r, municipalityAgs, now()));
        changed.fire(new SolutionChanged(r.solutionId));
        metrics.counter("kommunalmarkt_scaling_round_pledges", "change", "withdrawn").increment();
    }

    /**
     * The provider closes its round before its date, which it may only when the round would succeed
     * ({@link RoundRules#outcome}): 403 for anyone else, 409 when not open or when it would fail (naming
     * what is missing).
     */
    @Transactional
    public RoundView closeEarly(String providerAgs, UUID roundId, Viewer viewer) {
        ScalingRound r = locked(roundId);
        if (!r.providerAgs.equals(providerAgs)) {
            throw ProblemException.forbidden("Only the round's provider (" + r.providerAgs + ") closes it");
        }
        LocalDate today = today();
        requireOpen(r, today, "is closed already");
        List<Pledge> standing = pledges.of(roundId);
        Tally tally = Tally.of(standing);
        if (RoundRules.outcome(r, tally) != RoundOutcome.SUCCEEDED) {
            throw ProblemException.conflict("A round closes early only once it would succeed; it still lacks "
                    + RoundRules.shortfall(r, tally))
                    .with("target", r.target).with("pledgedTotal", tally.pledgedTotal())
                    .with("participants", tally.participants()).with("minParticipants", r.minParticipants);
        }
        close(r, true, standing, tally);
        return view(r, viewer, today);
    }

    /** The OPEN rounds whose closing date lies before {@code today}. */
    @Transactional
    public List<UUID> dueToClose(LocalDate today) {
        return rounds.dueToClose(today);
    }

    /**
     * Closes the round by {@link RoundRules#outcome} if it is still due on {@code today}; false when it is
     * not (closed already, or being changed or closed by another transaction, which this one skips).
     */
    @Transactional
    public boolean closeIfDue(UUID roundId, LocalDate today) {
        Optional<ScalingRound> due = rounds.lockIfDue(roundId, today);
        if (due.isEmpty()) {
            return false;
        }
        List<Pledge> standing = pledges.of(roundId);
        close(due.get(), false, standing, Tally.of(standing));
        return true;
    }

    public RoundView get(UUID roundId, Viewer viewer) {
        ScalingRound r = rounds.findByIdOptional(roundId).orElseThrow(() -> ProblemException.notFound("Scaling round", roundId));
        return view(r, viewer, today());
    }

    public PageResult<RoundView> list(UUID solutionId, RoundState state, PageParams page, Viewer viewer) {
        PanacheQuery<ScalingRound> query = rounds.matching(solutionId, state);
        long total = query.count();
        return PageResult.of(views(query.page(Page.of(page.page, page.size)).list(), viewer, today()), page, total);
    }

    /** The one close: state by the outcome rule, the event (standing pledges only for SUCCEEDED), the solution view. */
    private void close(ScalingRound r, boolean early, List<Pledge> standing, Tally tally) {
        RoundOutcome outcome = RoundRules.outcome(r, tally);
        r.state = outcome == RoundOutcome.SUCCEEDED ? RoundState.SUCCEEDED : RoundState.FAILED;
        r.closedAt = now();
        r.closedEarly = early;
        rounds.flush();
        outbox.publish(RoundMapper.closed(r, solutionName(r.solutionId), outcome, tally, standing));
        changed.fire(new SolutionChanged(r.solutionId));
        metrics.counter("kommunalmarkt_scaling_rounds_closed", "outcome", outcome.name()).increment();
    }

    /** The commitment's plan and operator as a licence request would need them: an offered plan of this solution, a known operator of a supported type. */
    private List<Violation> commitment(PledgeRequest request, Solution s) {
        List<Violation> violations = new ArrayList<>();
        if (request.commitPlanId() != null) {
            Optional<Plan> plan = s.plans.stream().filter(p -> p.id.equals(request.commitPlanId())).findFirst();
            if (plan.isEmpty()) {
                violations.add(new Violation("commitPlanId", "is not a plan of solution " + s.id + " (" + s.name + ")"));
            } else if (!plan.get().isActive()) {
                violations.add(new Violation("commitPlanId", "is retired and takes no new licences; choose an offered plan"));
            }
        }
        if (request.commitOperatorId() != null) {
            Optional<Operator> operator = operators.findByIdOptional(request.commitOperatorId());
            if (operator.isEmpty()) {
                violations.add(new Violation("commitOperatorId", "is no operator of the directory: " + request.commitOperatorId()));
            } else if (!s.supportedOperatorTypes.contains(operator.get().operatorType.name())) {
                violations.add(new Violation("commitOperatorId", "operator " + operator.get().id + " is " + operator.get().operatorType
                        + "; the solution supports " + s.supportedOperatorTypes));
            }
        }
        return violations;
    }

    private ScalingRound locked(UUID roundId) {
        return rounds.lock(roundId).orElseThrow(() -> ProblemException.notFound("Scaling round", roundId));
    }

    private static void requireOpen(ScalingRound r, LocalDate today, String refusal) {
        if (!r.isOpenOn(today)) {
            String state = r.state == RoundState.OPEN ? "closed at the end of " + r.closesOn : r.state.toString();
            throw ProblemException.conflict("Scaling round " + r.id + " is " + state + " and " + refusal)
                    .with("currentState", r.state).with("closesOn", r.closesOn);
        }
    }

    private RoundView view(ScalingRound r, Viewer viewer, LocalDate today) {
        return views(List.of(r), viewer, today).get(0);
    }

    /** The rounds as the viewer may see them, with a handful of queries for the whole page. */
    private List<RoundView> views(List<ScalingRound> found, Viewer viewer, LocalDate today) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = found.stream().map(r -> r.id).toList();
        Map<UUID, Tally> tallies = pledges.tallies(ids);
        Map<UUID, String> solutionNames = solutionNames(found.stream().map(r -> r.solutionId).collect(Collectors.toSet()));
        Map<UUID, Pledge> mine = viewer.adopterAgs().map(ags -> pledges.ofMunicipality(ids, ags)).orElse(Map.of());
        List<UUID> visibleIds = found.stream().filter(viewer::seesPledgesOf).map(r -> r.id).toList();
        Map<UUID, List<Pledge>> visible = pledges.ofRounds(visibleIds);
        Map<String, String> names = municipalityNames(visible.values().stream().flatMap(List::stream)
                .map(p -> p.municipalityAgs).collect(Collectors.toSet()));
        return found.stream().map(r -> RoundMapper.view(r, solutionNames.get(r.solutionId), tallies.get(r.id), today,
                mine.get(r.id), visibleIds.contains(r.id) ? visible.getOrDefault(r.id, List.of()) : null, names)).toList();
    }

    private String solutionName(UUID solutionId) {
        return solutionNames(Set.of(solutionId)).get(solutionId);
    }

    private Map<UUID, String> solutionNames(Collection<UUID> ids) {
        return solutions.getEntityManager().createQuery("select s.id, s.name from Solution s where s.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (String) row[1]));
    }

    private Map<String, String> municipalityNames(Collection<String> ags) {
        if (ags.isEmpty()) {
            return Map.of();
        }
        return municipalities.list("ags in ?1", ags).stream().collect(Collectors.toMap(m -> m.ags, (Municipality m) -> m.name));
    }

    private static ProblemException refused(String lead, List<Violation> violations) {
        return ProblemException.unprocessable(lead + violations.stream().map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; ")), violations);
    }

    private static ProblemException alreadyOpen(UUID solutionId, UUID roundId) {
        ProblemException problem = ProblemException.conflict("Solution " + solutionId + " has an open scaling round already; "
                + "one round at a time");
        return roundId == null ? problem : problem.with("roundId", roundId);
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

    /** Microseconds, as PostgreSQL keeps them: what an event says equals what a later read shows. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

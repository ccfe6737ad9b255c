package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.catalog.directory.Municipality;
import de.kommunalmarkt.catalog.directory.MunicipalityRepository;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.SolutionState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Drafts, edits, publishes and deprecates solutions and their plans. The provider is always the
 * caller's municipality (passed in by the resource from the token); a solution of another
 * municipality is "not found". Every change a licence could depend on leaves as an event through
 * the outbox: {@code SolutionPublished}, {@code SolutionUpdated} (published solutions only; drafts
 * are private), {@code SolutionDeprecated}.
 */
@ApplicationScoped
public class SolutionService {

    private final SolutionRepository solutions;
    private final MunicipalityRepository municipalities;
    private final EntityManager em;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Timer searchTimer;
    private final PublicCatalog catalog;
    private final Event<SolutionChanged> changed;
    private final CurrentRounds rounds;

    public SolutionService(SolutionRepository solutions, MunicipalityRepository municipalities, EntityManager em, Outbox outbox,
            MeterRegistry metrics, PublicCatalog catalog, Event<SolutionChanged> changed, CurrentRounds rounds) {
        this.solutions = solutions;
        this.municipalities = municipalities;
        this.em = em;
        this.outbox = outbox;
        this.metrics = metrics;
        this.catalog = catalog;
        this.changed = changed;
        this.rounds = rounds;
        this.searchTimer = Timer.builder("kommunalmarkt_catalog_search").description("Public catalog searches")
                .publishPercentileHistogram().register(metrics);
    }

    @Transactional
    public SolutionView create(String providerAgs, SolutionRequest request) {
        return create(providerAgs, UUID.randomUUID(), request);
    }

    /** Drafts a solution under a given id (the demo dataset uses name-based ids so that loading again changes nothing). */
    @Transactional
    public SolutionView create(String providerAgs, UUID id, SolutionRequest request) {
        Municipality provider = municipalities.findByIdOptional(providerAgs).orElseThrow(() -> ProblemException.unprocessable(
                "Your municipality " + providerAgs + " is not registered in the directory yet; "
                        + "a marketplace admin registers it before it can offer solutions").with("providerAgs", providerAgs));
        if (solutions.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("Solution " + id + " exists already").with("id", id);
        }
        Solution s = new Solution();
        s.id = id;
        s.providerAgs = providerAgs;
        s.state = SolutionState.DRAFT;
        SolutionMapper.apply(request, s);
        s.createdAt = now();
        touch(s, s.createdAt);
        solutions.persist(s);
        solutions.flush();
        metrics.counter("kommunalmarkt_solutions_drafted").increment();
        return SolutionMapper.view(s, provider.name, null);
    }

    /** Replaces a draft's or a published solution's entry; a published one must still pass the gate. */
    @Transactional
    public SolutionView update(String providerAgs, UUID id, SolutionRequest request) {
        Solution s = own(providerAgs, id);
        requireChangeable(s);
        SolutionMapper.apply(request, s);
        if (s.state == SolutionState.PUBLISHED) {
            ReadinessGate.Result readiness = ReadinessGate.evaluate(s);
            if (!readiness.publishable()) {
                throw gateRefusal(readiness, "A published solution must keep meeting every MUST criterion; this change would break: ");
            }
        }
        Instant at = now();
        touch(s, at);
        solutions.flush();
        announceChange(s, at);
        return view(s);
    }

    @Transactional
    public PlanView addPlan(String providerAgs, UUID solutionId, PlanRequest request) {
        return addPlan(providerAgs, solutionId, UUID.randomUUID(), request);
    }

    /** Adds a plan under a given id (the demo dataset uses name-based ids). */
    @Transactional
    public PlanView addPlan(String providerAgs, UUID solutionId, UUID planId, PlanRequest request) {
        Solution s = own(providerAgs, solutionId);
        requireChangeable(s);
        if (em.find(Plan.class, planId) != null) {
            throw ProblemException.conflict("Plan " + planId + " exists already").with("id", planId);
        }
        Plan p = new Plan();
        p.id = planId;
        p.solution = s;
        SolutionMapper.apply(request, p);
        Instant at = now();
        p.createdAt = at;
        s.plans.add(p);
        touch(s, at);
        solutions.flush();
        announceChange(s, at);
        return SolutionMapper.view(p);
    }

    /** Changes a plan of a draft. Once published, a licence may refer to a plan: it is never changed in place again. */
    @Transactional
    public PlanView updatePlan(String providerAgs, UUID solutionId, UUID planId, PlanRequest request) {
        Solution s = own(providerAgs, solutionId);
        requireDraftForPlanChange(s);
        Plan p = planOf(s, planId);
        SolutionMapper.apply(request, p);
        touch(s, now());
        solutions.flush();
        return SolutionMapper.view(p);
    }

    /** Deletes a plan of a draft (no licence can refer to it yet). */
    @Transactional
    public void deletePlan(String providerAgs, UUID solutionId, UUID planId) {
        Solution s = own(providerAgs, solutionId);
        requireDraftForPlanChange(s);
        s.plans.remove(planOf(s, planId));
        touch(s, now());
        solutions.flush();
    }

    /**
     * Stops a published solution's plan from taking new licences; licences on it keep their frozen
     * terms. Retiring a retired plan changes nothing. The last offered plan cannot be retired.
     */
    @Transactional
    public PlanView retirePlan(String providerAgs, UUID solutionId, UUID planId) {
        Solution s = own(providerAgs, solutionId);
        if (s.state != SolutionState.PUBLISHED) {
            throw ProblemException.conflict(s.state == SolutionState.DRAFT
                    ? "Plans of a draft are deleted (DELETE), not retired: no licence refers to them yet"
                    : "A deprecated solution takes no new licences; its plans cannot change any more")
                    .with("currentState", s.state);
        }
        Plan p = planOf(s, planId);
        if (!p.isActive()) {
            return SolutionMapper.view(p);
        }
        if (s.activePlans().size() == 1) {
            throw ProblemException.conflict("A published solution keeps at least one plan: add the new plan first, then retire this one")
                    .with("currentState", s.state);
        }
        Instant at = now();
        p.retiredAt = at;
        touch(s, at);
        solutions.flush();
        announceChange(s, at);
        return SolutionMapper.view(p);
    }

    /** Publishes a draft if it passes the gate; otherwise 422 naming every unmet MUST criterion. */
    @Transactional
    public SolutionView publish(String providerAgs, UUID id) {
        Solution s = own(providerAgs, id);
        if (s.state != SolutionState.DRAFT) {
            throw ProblemException.conflict("Solution " + id + " is " + s.state + "; only a draft can be published")
                    .with("currentState", s.state);
        }
        ReadinessGate.Result readiness = ReadinessGate.evaluate(s);
        if (!readiness.publishable()) {
            metrics.counter("kommunalmarkt_solutions_publish_refused").increment();
            throw gateRefusal(readiness, "The solution does not pass the transfer-readiness gate yet: ");
        }
        Instant at = now();
        s.state = SolutionState.PUBLISHED;
        s.publishedAt = at;
        touch(s, at);
        solutions.flush();
        outbox.publish(SolutionMapper.published(s, at));
        metrics.counter("kommunalmarkt_solutions_published").increment();
        return view(s);
    }

    /** Deprecates one's own published solution: no new licences, existing ones go on. */
    @Transactional
    public SolutionView deprecateOwn(String providerAgs, UUID id) {
        return deprecate(own(providerAgs, id));
    }

    /** A marketplace admin deprecates any published solution (drafts stay invisible to them). */
    @Transactional
    public SolutionView deprecateAny(UUID id) {
        return deprecate(visible(id, Optional.empty()));
    }

    private SolutionView deprecate(Solution s) {
        if (s.state != SolutionState.PUBLISHED) {
            throw ProblemException.conflict("Solution " + s.id + " is " + s.state + "; only a published solution can be deprecated")
                    .with("currentState", s.state);
        }
        Instant at = now();
        s.state = SolutionState.DEPRECATED;
        s.deprecatedAt = at;
        touch(s, at);
        solutions.flush();
        outbox.publish(SolutionMapper.deprecated(s, at));
        metrics.counter("kommunalmarkt_solutions_deprecated").increment();
        return view(s);
    }

    /** One solution; a draft only for its provider ({@code providerViewer} = the caller's municipality if a provider). */
    public SolutionView get(UUID id, Optional<String> providerViewer) {
        return view(visible(id, providerViewer));
    }

    /** 404 unless the caller may see the solution (see {@link #get}). */
    public void requireVisible(UUID id, Optional<String> providerViewer) {
        visible(id, providerViewer);
    }

    /** 404 unless the solution is public: published or deprecated (drafts have no licences, hence no reviews). */
    public void requirePublic(UUID id) {
        visible(id, Optional.empty());
    }

    public boolean exists(UUID id) {
        return solutions.findByIdOptional(id).isPresent();
    }

    /** Public search over this instance's copy of the published catalog (no database access), rendered. */
    public SearchPages.Page search(SearchCriteria criteria, PageParams page) {
        return searchTimer.record(() -> catalog.searchPage(criteria, page));
    }

    public PageResult<SolutionSummary> ofProvider(String providerAgs, PageParams page) {
        return PageResult.of(summaries(solutions.ofProvider(providerAgs, Page.of(page.page, page.size))), page,
                solutions.countOfProvider(providerAgs));
    }

    /** A solution the caller may see: public ones for everyone, drafts for their provider only; else 404. */
    private Solution visible(UUID id, Optional<String> providerViewer) {
        Solution s = solutions.findById(id);
        if (s == null || (!s.isPublic() && !providerViewer.map(s.providerAgs::equals).orElse(false))) {
            throw ProblemException.notFound("Solution", id);
        }
        return s;
    }

    /** A solution of the provider's municipality; another municipality's is "not found", whatever its state. */
    private Solution own(String providerAgs, UUID id) {
        Solution s = solutions.findById(id);
        if (s == null || !s.providerAgs.equals(providerAgs)) {
            throw ProblemException.notFound("Solution", id);
        }
        return s;
    }

    private static Plan planOf(Solution s, UUID planId) {
        return s.plans.stream().filter(p -> p.id.equals(planId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Plan", planId));
    }

    private static void requireChangeable(Solution s) {
        if (s.state == SolutionState.DEPRECATED) {
            throw ProblemException.conflict("Solution " + s.id + " is deprecated; it cannot be changed any more")
                    .with("currentState", s.state);
        }
    }

    /**
     * Announces again (SolutionUpdated) the published solutions a migration queued in
     * {@code solution_announcement_due} after changing their stored plans, so licensing's read model
     * takes the changed terms. Deleting the queue rows in the same transaction makes an instance that
     * starts at the same time find none. Returns how many were announced.
     */
    @Transactional
    public int announceQueued() {
        List<?> due = em.createNativeQuery("delete from solution_announcement_due returning solution_id").getResultList();
        Instant at = now();
        int announced = 0;
        for (Object id : due) {
            Solution s = solutions.findById(UUID.fromString(id.toString()));
            if (s != null && s.state == SolutionState.PUBLISHED) {
                outbox.publish(SolutionMapper.updated(s, at));
                announced++;
            }
        }
        return announced;
    }

    private static void requireDraftForPlanChange(Solution s) {
        if (s.state != SolutionState.DRAFT) {
            throw ProblemException.conflict("A plan of a " + s.state.name().toLowerCase() + " solution is never changed in place: "
                    + "a licence may refer to it. Add a new plan (POST /api/solutions/" + s.id + "/plans) and retire this one.")
                    .with("currentState", s.state);
        }
    }

    /**
     * Marks the solution changed: the version check then covers concurrent edits, the stored score is
     * current, and once the transaction commits the public catalog shows the change.
     */
    private void touch(Solution s, Instant at) {
        s.updatedAt = at;
        s.readinessScore = ReadinessGate.evaluate(s).score();
        changed.fire(new SolutionChanged(s.id));
    }

    private void announceChange(Solution s, Instant at) {
        if (s.state == SolutionState.PUBLISHED) {
            outbox.publish(SolutionMapper.updated(s, at));
        }
    }

    private static ProblemException gateRefusal(ReadinessGate.Result readiness, String lead) {
        List<ReadinessGate.Check> unmet = readiness.unmetMust();
        List<Problem.Violation> violations = unmet.stream()
                .map(c -> new Problem.Violation(c.criterion().field(), c.hint())).toList();
        List<Map<String, Object>> criteria = unmet.stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("criterion", c.criterion().name());
            item.put("requirement", c.criterion().requirement());
            item.put("field", c.criterion().field());
            item.put("hint", c.hint());
            return item;
        }).toList();
        return ProblemException.unprocessable(lead + unmet.stream().map(c -> c.criterion().requirement())
                .collect(Collectors.joining("; ")), violations)
                .with("unmetCriteria", criteria)
                .with("readinessScore", readiness.score());
    }

    private SolutionView view(Solution s) {
        return SolutionMapper.view(s, municipalities.findByIdOptional(s.providerAgs).map(m -> m.name).orElse(null),
                rounds.of(List.of(s.id)).get(s.id));
    }

    private List<SolutionSummary> summaries(List<Solution> found) {
        Map<String, String> names = providerNames(found.stream().map(s -> s.providerAgs).collect(Collectors.toSet()));
        return found.stream().map(s -> SolutionMapper.summary(s, names.get(s.providerAgs))).toList();
    }

    private Map<String, String> providerNames(Collection<String> ags) {
        if (ags.isEmpty()) {
            return Map.of();
        }
        return municipalities.list("ags in ?1", ags).stream()
                .collect(Collectors.toMap(m -> m.ags, m -> m.name, (a, b) -> a));
    }

    /** Microseconds, as PostgreSQL keeps them: what an event says equals what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package de.kommunalmarkt.billing.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.common.inbox.PoisonEventException;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionDeprecated;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.events.SolutionUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Billing's view of the catalog ({@code catalog.solutions}), for break-even and the price preview only: each
 * solution's provider and name and its plans' current terms ({@code catalog_solution}, {@code catalog_plan}; a retired
 * plan is left out of the event, so it is deleted here). Invoices never read it: they bill by the terms a licence froze
 * on grant ({@code contract}). Runs inside the idempotent consumer's transaction; per-key
 * (solution) order holds, and each event carries the whole entry, so the last one applied is the catalog's.
 */
@ApplicationScoped
public class CatalogProjection {

    private final EntityManager em;
    private final ObjectMapper json;

    public CatalogProjection(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applySolutionEvent(ReceivedEvent event) {
        switch (event.type()) {
            case SOLUTION_PUBLISHED -> {
                SolutionPublished s = event.as(SolutionPublished.class);
                upsert(s.solutionId(), s.providerAgs(), s.name(), s.state(), s.plans());
            }
            case SOLUTION_UPDATED -> {
                SolutionUpdated s = event.as(SolutionUpdated.class);
                upsert(s.solutionId(), s.providerAgs(), s.name(), s.state(), s.plans());
            }
            case SOLUTION_DEPRECATED -> {
                SolutionDeprecated s = event.as(SolutionDeprecated.class);
                em.createNativeQuery("update catalog_solution set state = :state, updated_at = :now where solution_id = :id")
                        .setParameter("state", SolutionState.DEPRECATED.name()).setParameter("now", Instant.now())
                        .setParameter("id", s.solutionId()).executeUpdate();
            }
            default -> {
                // no other event on this topic
            }
        }
    }

    private void upsert(String solutionId, String providerAgs, String name, SolutionState state, List<PlanTerms> plans) {
        if (solutionId == null || name == null || !Ags.isValid(providerAgs)) {
            throw new PoisonEventException("solution " + solutionId + " lacks its id, name or provider AGS");
        }
        List<String> terms = new ArrayList<>(plans.size());
        for (PlanTerms plan : plans) {
            if (plan == null || plan.planId() == null) {
                throw new PoisonEventException("solution " + solutionId + " has a plan without id");
            }
            try {
                ContractTerms.frozen(plan);
                terms.add(json.writeValueAsString(plan));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new PoisonEventException("plan " + plan.planId() + " of solution " + solutionId
                        + " carries terms billing cannot price: " + e.getMessage(), e);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("plan terms cannot be written as JSON", e);
            }
        }
        em.createNativeQuery("""
                insert into catalog_solution (solution_id, provider_ags, name, state, updated_at)
                values (:id, :provider, :name, :state, :now)
                on conflict (solution_id) do update set provider_ags = excluded.provider_ags, name = excluded.name,
                    state = excluded.state, updated_at = excluded.updated_at""")
                .setParameter("id", solutionId).setParameter("provider", providerAgs).setParameter("name", name)
                .setParameter("state", (state == null ? SolutionState.PUBLISHED : state).name())
                .setParameter("now", Instant.now()).executeUpdate();
        List<String> planIds = plans.stream().map(PlanTerms::planId).toList();
        if (planIds.isEmpty()) {
            em.createNativeQuery("delete from catalog_plan where solution_id = :id").setParameter("id", solutionId)
                    .executeUpdate();
        } else {
            em.createNativeQuery("delete from catalog_plan where solution_id = :id and plan_id not in (:plans)")
                    .setParameter("id", solutionId).setParameter("plans", planIds).executeUpdate();
        }
        for (int i = 0; i < plans.size(); i++) {
            PlanTerms plan = plans.get(i);
            em.createNativeQuery("""
                    insert into catalog_plan (plan_id, solution_id, position, name, price_model, terms)
                    values (:plan, :solution, :position, :name, :model, :terms)
                    on conflict (plan_id) do update set solution_id = excluded.solution_id, position = excluded.position,
                        name = excluded.name, price_model = excluded.price_model, terms = excluded.terms""")
                    .setParameter("plan", plan.planId()).setParameter("solution", solutionId).setParameter("position", i)
                    .setParameter("name", plan.name() == null ? plan.planId() : plan.name())
                    .setParameter("model", plan.model().name()).setParameter("terms", terms.get(i)).executeUpdate();
        }
    }
}

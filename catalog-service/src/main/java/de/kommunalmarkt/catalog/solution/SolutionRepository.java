package de.kommunalmarkt.catalog.solution;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SolutionRepository implements PanacheRepositoryBase<Solution, UUID> {

    private final EntityManager em;
    private final Event<SolutionChanged> changed;

    public SolutionRepository(EntityManager em, Event<SolutionChanged> changed) {
        this.em = em;
        this.changed = changed;
    }

    /** A provider's own solutions in every state, newest first. */
    public List<Solution> ofProvider(String providerAgs, Page page) {
        return find("providerAgs", Sort.descending("createdAt").and("id"), providerAgs).page(page).list();
    }

    public long countOfProvider(String providerAgs) {
        return count("providerAgs", providerAgs);
    }

    /** Atomically adds to the adoption count; returns false if there is no such solution. */
    public boolean addAdoptions(UUID solutionId, int delta) {
        boolean found = em.createNativeQuery("update solution set adoption_count = greatest(adoption_count + ?1, 0) where id = ?2")
                .setParameter(1, delta).setParameter(2, solutionId).executeUpdate() == 1;
        changed.fire(new SolutionChanged(solutionId));
        return found;
    }

    /** Atomically adds reviews and stars to the rating. */
    public void addRating(UUID solutionId, int reviews, int stars) {
        em.createNativeQuery("update solution set rating_count = rating_count + ?1, rating_sum = rating_sum + ?2 where id = ?3")
                .setParameter(1, reviews).setParameter(2, stars).setParameter(3, solutionId).executeUpdate();
        changed.fire(new SolutionChanged(solutionId));
    }
}

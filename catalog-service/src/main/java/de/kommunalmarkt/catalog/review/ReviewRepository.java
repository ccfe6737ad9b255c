package de.kommunalmarkt.catalog.review;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    public List<Review> ofSolution(UUID solutionId, Page page) {
        return find("solutionId", Sort.descending("createdAt").and("id"), solutionId).page(page).list();
    }

    public long countOfSolution(UUID solutionId) {
        return count("solutionId", solutionId);
    }

    public Optional<Review> byAuthor(UUID solutionId, String authorAgs) {
        return find("solutionId = ?1 and authorAgs = ?2", solutionId, authorAgs).firstResultOptional();
    }
}

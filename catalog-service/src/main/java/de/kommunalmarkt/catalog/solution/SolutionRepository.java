package de.kommunalmarkt.catalog.solution;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class SolutionRepository implements PanacheRepositoryBase<Solution, UUID> {

    /**
     * Both configurations: German stems find inflected forms ("Parksensoren" → "Parksensor"), the
     * simple one finds names and abbreviations as written. The stored search_vector holds both.
     */
    private static final String QUERY = "(websearch_to_tsquery('german', :text) || websearch_to_tsquery('simple', :text))";

    private final EntityManager em;

    public SolutionRepository(EntityManager em) {
        this.em = em;
    }

    /** One page of published solutions matching the criteria, and how many match in all. */
    public record SearchPage(List<Solution> solutions, long total) {
    }

    /**
     * Published solutions matching the criteria: by relevance (when words are given), then adoption
     * count, then name. Relevance is {@code ts_rank} over name (weight A), summary and standards (B);
     * a match in the description only ranks after those and is then ordered by adoption count.
     */
    public SearchPage searchPublished(SearchCriteria criteria, int offset, int limit) {
        return criteria.text() == null ? browse(criteria, offset, limit) : textSearch(criteria, offset, limit);
    }

    /**
     * Words given: one statement ranks the matches and counts them (window count), then the page's
     * rows are loaded by id. The match is answered from the GIN index: PostgreSQL's cost model does
     * not charge evaluating @@ on each ~1 KB search vector, so for common words it would choose a
     * sequential scan that is several times slower (see README, benchmark); sequential scans are
     * therefore off for this one statement's transaction.
     */
    @SuppressWarnings("unchecked")
    private SearchPage textSearch(SearchCriteria criteria, int offset, int limit) {
        em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
        Map<String, Object> parameters = new LinkedHashMap<>();
        Query query = em.createNativeQuery("select cast(s.id as text), count(*) over () from solution s where "
                + where(criteria, parameters) + " order by ts_rank(s.rank_vector, " + QUERY + ") desc, s.adoption_count desc, "
                + "s.name, s.id limit :limit offset :offset");
        parameters.forEach(query::setParameter);
        List<Object[]> rows = query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        if (rows.isEmpty()) {
            return new SearchPage(List.of(), offset == 0 ? 0 : countPublished(criteria));
        }
        List<UUID> ids = rows.stream().map(r -> UUID.fromString((String) r[0])).toList();
        return new SearchPage(byIdsInOrder(ids), ((Number) rows.get(0)[1]).longValue());
    }

    /** No words: by adoption count along the partial index, which also stops after the page; counted apart. */
    @SuppressWarnings("unchecked")
    private SearchPage browse(SearchCriteria criteria, int offset, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Query query = em.createNativeQuery("select s.* from solution s where " + where(criteria, parameters)
                + " order by s.adoption_count desc, s.name, s.id limit :limit offset :offset", Solution.class);
        parameters.forEach(query::setParameter);
        List<Solution> found = query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        boolean lastPage = found.size() < limit && (offset == 0 || !found.isEmpty());
        return new SearchPage(found, lastPage ? (long) offset + found.size() : countPublished(criteria));
    }

    private List<Solution> byIdsInOrder(List<UUID> ids) {
        Map<UUID, Solution> byId = list("id in ?1", ids).stream().collect(Collectors.toMap(s -> s.id, s -> s));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private long countPublished(SearchCriteria criteria) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Query query = em.createNativeQuery("select count(*) from solution s where " + where(criteria, parameters));
        parameters.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private static String where(SearchCriteria criteria, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add("s.state = 'PUBLISHED'");
        if (criteria.text() != null) {
            conditions.add("s.search_vector @@ " + QUERY);
            parameters.put("text", criteria.text());
        }
        if (criteria.category() != null) {
            conditions.add("s.category = :category");
            parameters.put("category", criteria.category().name());
        }
        if (criteria.operatorType() != null) {
            conditions.add("s.supported_operator_types @> array[cast(:operatorType as text)]");
            parameters.put("operatorType", criteria.operatorType().name());
        }
        if (criteria.hostingMode() != null) {
            conditions.add("s.hosting_modes @> array[cast(:hostingMode as text)]");
            parameters.put("hostingMode", criteria.hostingMode().name());
        }
        return String.join(" and ", conditions);
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
        return em.createNativeQuery("update solution set adoption_count = greatest(adoption_count + ?1, 0) where id = ?2")
                .setParameter(1, delta).setParameter(2, solutionId).executeUpdate() == 1;
    }

    /** Atomically adds reviews and stars to the rating. */
    public void addRating(UUID solutionId, int reviews, int stars) {
        em.createNativeQuery("update solution set rating_count = rating_count + ?1, rating_sum = rating_sum + ?2 where id = ?3")
                .setParameter(1, reviews).setParameter(2, stars).setParameter(3, solutionId).executeUpdate();
    }
}

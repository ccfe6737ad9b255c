package de.kommunalmarkt.catalog.solution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.catalog.CatalogConfig;
import de.kommunalmarkt.catalog.directory.MunicipalityRenamed;
import de.kommunalmarkt.catalog.directory.MunicipalityRepository;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.events.SolutionState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * This instance's copy of the public catalog: the published and deprecated solutions, each with its
 * summary and its rendered view (JSON and ETag), and the search index over the published ones. Reads
 * (search, {@code GET /api/solutions/{id}} of a public solution) never touch the database.
 *
 * <p>It is read in full at start ({@link CatalogFeed}) and kept current per solution: after this
 * instance's own commits through {@link SolutionChanged} and {@link MunicipalityRenamed} (before the
 * response leaves), and after every instance's commits through PostgreSQL's notifications
 * ({@link CatalogFeed}). Each refresh reads the committed rows under one lock, so a later refresh
 * always applies a later state. Drafts are never held here. A view shows the solution's current
 * scaling round ({@link CurrentRounds}); one showing an open round's {@code daysLeft} is rendered again
 * on its first read of a later day.
 */
@ApplicationScoped
public class PublicCatalog {

    /**
     * A public solution as the API shows it. {@code daysLeftAsOf}: the day whose {@code daysLeft} an open
     * scaling round in the view shows ({@code null} without an open round); on a later day it is rendered again.
     */
    public record Rendered(SolutionState state, SolutionSummary summary, byte[] json, String etag, LocalDate daysLeftAsOf) {
    }

    /** One page of search results and how many match in all. */
    public record Found(List<SolutionSummary> summaries, long total) {
    }

    private static final Logger LOG = Logger.getLogger(PublicCatalog.class);
    private static final int CHUNK = 250;

    private final SolutionRepository solutions;
    private final MunicipalityRepository municipalities;
    private final EntityManager em;
    private final ObjectMapper json;
    private final CurrentRounds rounds;
    private final Clock clock;
    private final Map<UUID, Rendered> rendered = new ConcurrentHashMap<>();
    private final SearchIndex index = new SearchIndex();
    private final SearchPages pages;
    private final ReentrantLock reading = new ReentrantLock();

    public PublicCatalog(SolutionRepository solutions, MunicipalityRepository municipalities, EntityManager em, ObjectMapper json,
            CatalogConfig config, CurrentRounds rounds, Clock clock) {
        this.solutions = solutions;
        this.municipalities = municipalities;
        this.em = em;
        this.json = json;
        this.rounds = rounds;
        this.clock = clock;
        this.pages = new SearchPages(config.searchPages().capacity());
    }

    /**
     * A public (published or deprecated) solution as rendered; empty for drafts and unknown ids. A view
     * showing an open scaling round's {@code daysLeft} as of an earlier day is read again first (once a
     * day per such solution and instance).
     */
    public Optional<Rendered> view(UUID id) {
        Rendered r = rendered.get(id);
        if (r != null && r.daysLeftAsOf() != null && !r.daysLeftAsOf().equals(LocalDate.now(clock))) {
            reading.lock();
            try {
                Rendered current = rendered.get(id);
                if (current != null && current.daysLeftAsOf() != null && !current.daysLeftAsOf().equals(LocalDate.now(clock))) {
                    read(List.of(id));
                }
            } finally {
                reading.unlock();
            }
            r = rendered.get(id);
        }
        return Optional.ofNullable(r);
    }

    /** Published solutions matching the criteria, by relevance, adoption count, name and id. */
    public Found search(SearchCriteria criteria, int offset, int limit) {
        SearchIndex.Hits hits = index.search(criteria, offset, limit);
        List<SolutionSummary> summaries = hits.ids().stream().map(rendered::get).filter(Objects::nonNull)
                .map(Rendered::summary).toList();
        return new Found(summaries, hits.total());
    }

    /**
     * A page of search results as the API sends it ({@code {items, page, size, total}} and its ETag):
     * rendered once per query, page and catalog version, then served from {@link SearchPages}.
     */
    public SearchPages.Page searchPage(SearchCriteria criteria, PageParams page) {
        SearchPages.Key key = new SearchPages.Key(criteria, page.offset(), page.size);
        SearchPages.Page kept = pages.get(key);
        if (kept != null) {
            return kept;
        }
        long version = pages.version();
        Found found = search(criteria, page.offset(), page.size);
        try {
            byte[] body = json.writeValueAsBytes(PageResult.of(found.summaries(), page, found.total()));
            SearchPages.Page rendered = new SearchPages.Page(body, etag(body));
            pages.keep(version, key, rendered);
            return rendered;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void onSolutionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SolutionChanged changed) {
        refresh(List.of(changed.id()));
    }

    void onMunicipalityRenamed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MunicipalityRenamed renamed) {
        refreshProviders(List.of(renamed.ags()));
    }

    /** Reads every public solution again and drops what is no longer public. */
    public void reloadAll() {
        reading.lock();
        try {
            long started = System.nanoTime();
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em
                    .createQuery("select s.id from Solution s where s.state <> :draft", UUID.class)
                    .setParameter("draft", SolutionState.DRAFT).getResultList());
            Set<UUID> gone = new HashSet<>(rendered.keySet());
            ids.forEach(gone::remove);
            read(ids);
            read(gone);
            LOG.infof("Public catalog read: %d public solutions in %d ms", ids.size(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            reading.unlock();
        }
    }

    /** Reads the solutions again as committed now (public ones are rendered and indexed, others dropped). */
    public void refresh(Collection<UUID> ids) {
        reading.lock();
        try {
            read(ids);
        } finally {
            reading.unlock();
        }
    }

    /** Reads again the solutions of the providers (their name is shown with them). */
    public void refreshProviders(Collection<String> ags) {
        reading.lock();
        try {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em
                    .createQuery("select s.id from Solution s where s.providerAgs in :ags", UUID.class)
                    .setParameter("ags", ags).getResultList());
            read(ids);
        } finally {
            reading.unlock();
        }
    }

    private void read(Collection<UUID> ids) {
        List<UUID> all = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            QuarkusTransaction.requiringNew().run(() -> readChunk(chunk));
        }
    }

    private void readChunk(List<UUID> ids) {
        List<Solution> found = solutions.list("id in ?1", ids);
        Map<String, String> names = municipalities.list("ags in ?1",
                found.stream().map(s -> s.providerAgs).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(m -> m.ags, m -> m.name, (a, b) -> a));
        Map<UUID, RoundSummary> current = rounds.of(found.stream().filter(Solution::isPublic).map(s -> s.id).toList());
        LocalDate today = LocalDate.now(clock);
        Set<UUID> notPublished = new HashSet<>(ids);
        List<Solution> published = new ArrayList<>();
        Map<UUID, Rendered> fresh = new java.util.HashMap<>();
        for (Solution s : found) {
            if (s.isPublic()) {
                fresh.put(s.id, render(s, names.get(s.providerAgs), current.get(s.id), today));
            }
            if (s.state == SolutionState.PUBLISHED) {
                published.add(s);
                notPublished.remove(s.id);
            }
        }
        // views first, so a search hit always finds its summary
        rendered.putAll(fresh);
        index.apply(published, notPublished);
        ids.stream().filter(id -> !fresh.containsKey(id)).forEach(rendered::remove);
        // after the index and views: a page rendered before this point may be stale and is dropped
        pages.invalidate();
        em.clear();
    }

    private Rendered render(Solution s, String providerName, RoundSummary round, LocalDate today) {
        try {
            byte[] body = json.writeValueAsBytes(SolutionMapper.view(s, providerName, round));
            return new Rendered(s.state, SolutionMapper.summary(s, providerName), body, etag(body),
                    round != null && round.open() ? today : null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A strong validator of the exact bytes: equal bodies, equal tags, on every instance. */
    public static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        try {
            index.close();
        } catch (IOException e) {
            LOG.debug("closing the search index", e);
        }
    }
}

package de.kommunalmarkt.catalog.review;

import de.kommunalmarkt.catalog.adoption.LicenseHoldingRepository;
import de.kommunalmarkt.catalog.directory.MunicipalityRepository;
import de.kommunalmarkt.catalog.solution.SolutionRepository;
import de.kommunalmarkt.catalog.solution.SolutionService;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The experience exchange: a municipality holding an active licence of a solution writes one review
 * of it and may edit it later; the solution's rating (count and average) follows every change.
 */
@ApplicationScoped
public class ReviewService {

    private final ReviewRepository reviews;
    private final SolutionService solutionService;
    private final SolutionRepository solutions;
    private final LicenseHoldingRepository licenses;
    private final MunicipalityRepository municipalities;
    private final MeterRegistry metrics;

    public ReviewService(ReviewRepository reviews, SolutionService solutionService, SolutionRepository solutions,
            LicenseHoldingRepository licenses, MunicipalityRepository municipalities, MeterRegistry metrics) {
        this.reviews = reviews;
        this.solutionService = solutionService;
        this.solutions = solutions;
        this.licenses = licenses;
        this.municipalities = municipalities;
        this.metrics = metrics;
    }

    public PageResult<ReviewView> list(UUID solutionId, Optional<String> providerViewer, PageParams page) {
        solutionService.requireVisible(solutionId, providerViewer);
        List<Review> found = reviews.ofSolution(solutionId, Page.of(page.page, page.size));
        Map<String, String> names = found.isEmpty() ? Map.of()
                : municipalities.list("ags in ?1", found.stream().map(r -> r.authorAgs).distinct().toList()).stream()
                        .collect(Collectors.toMap(m -> m.ags, m -> m.name));
        return PageResult.of(found.stream().map(r -> view(r, names.get(r.authorAgs))).toList(), page,
                reviews.countOfSolution(solutionId));
    }

    @Transactional
    public ReviewView write(String authorAgs, UUID solutionId, ReviewRequest request) {
        solutionService.requirePublic(solutionId);
        Optional<Review> existing = reviews.byAuthor(solutionId, authorAgs);
        if (existing.isPresent()) {
            throw alreadyReviewed(solutionId, existing.get().id);
        }
        if (!licenses.holdsActiveLicense(solutionId, authorAgs)) {
            throw ProblemException.forbidden("Only a municipality holding an active licence of this solution may review it; "
                    + authorAgs + " holds none");
        }
        Review r = new Review();
        r.id = UUID.randomUUID();
        r.solutionId = solutionId;
        r.authorAgs = authorAgs;
        r.stars = request.stars().shortValue();
        r.report = request.report().strip();
        r.createdAt = now();
        r.updatedAt = r.createdAt;
        reviews.persist(r);
        try {
            reviews.flush();
        } catch (PersistenceException e) {
            // a concurrent first review of the same municipality won the unique constraint
            throw alreadyReviewed(solutionId, null);
        }
        solutions.addRating(solutionId, 1, r.stars);
        metrics.counter("kommunalmarkt_reviews_written").increment();
        return view(r, authorName(authorAgs));
    }

    /** Its author edits a review; another municipality's review is "not found". */
    @Transactional
    public ReviewView edit(String authorAgs, UUID solutionId, UUID reviewId, ReviewRequest request) {
        Review r = reviews.findById(reviewId);
        if (r == null || !r.solutionId.equals(solutionId) || !r.authorAgs.equals(authorAgs)) {
            throw ProblemException.notFound("Review", reviewId);
        }
        int previousStars = r.stars;
        r.stars = request.stars().shortValue();
        r.report = request.report().strip();
        r.updatedAt = now();
        reviews.flush();
        solutions.addRating(solutionId, 0, r.stars - previousStars);
        return view(r, authorName(authorAgs));
    }

    private static ProblemException alreadyReviewed(UUID solutionId, UUID reviewId) {
        ProblemException problem = ProblemException.conflict("Your municipality has reviewed this solution already; edit that review "
                + "(PUT /api/solutions/" + solutionId + "/reviews/" + (reviewId == null ? "{reviewId}" : reviewId) + ")");
        return reviewId == null ? problem : problem.with("reviewId", reviewId);
    }

    private String authorName(String ags) {
        return municipalities.findByIdOptional(ags).map(m -> m.name).orElse(null);
    }

    private static ReviewView view(Review r, String authorName) {
        return new ReviewView(r.id, r.solutionId, r.authorAgs, authorName, r.stars, r.report, r.version, r.createdAt, r.updatedAt);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package de.kommunalmarkt.catalog.solution;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.SolutionState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One solution with its plans, quality profile, readiness, adoption count and rating; {@code scalingRound}
 * (its current scaling round) only when it has one.
 */
public record SolutionView(
        UUID id,
        String providerAgs,
        String providerName,
        SolutionState state,
        String name,
        String summary,
        String description,
        Category category,
        String sourceLicense,
        Maturity maturity,
        List<HostingMode> hostingModes,
        List<String> standards,
        List<OperatorType> supportedOperatorTypes,
        List<SolutionRequest.ReferenceEnvironment> referenceEnvironments,
        String documentationUrl,
        SolutionRequest.QualityProfile qualityProfile,
        ApprovalPolicy approvalPolicy,
        List<PlanView> plans,
        Readiness readiness,
        int adoptionCount,
        Rating rating,
        @JsonInclude(JsonInclude.Include.NON_NULL) RoundSummary scalingRound,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant deprecatedAt) {

    /** The gate as it stands: score = met / total; {@code publishable} when every MUST criterion is met. */
    public record Readiness(BigDecimal score, int met, int total, boolean publishable, List<CriterionView> criteria) {
    }

    /** One criterion; {@code hint} (only when unmet) says what to do. */
    public record CriterionView(ReadinessGate.Criterion criterion, ReadinessGate.Level level, String requirement, boolean met,
            String hint) {
    }

    /** Stars from reviews: {@code average} (1 decimal) is {@code null} while there are none. */
    public record Rating(BigDecimal average, int count) {
    }
}

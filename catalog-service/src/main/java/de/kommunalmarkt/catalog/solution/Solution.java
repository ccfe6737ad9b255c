package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.SolutionState;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A solution a provider municipality offers: its catalog entry, quality profile, plans and reference environments. */
@Entity
@Table(name = "solution")
public class Solution {

    @Id
    public UUID id;

    @Column(name = "provider_ags", nullable = false, updatable = false)
    public String providerAgs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SolutionState state;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    /** SPDX licence id in its canonical spelling, {@code null} while undeclared. */
    @Column(name = "source_license")
    public String sourceLicense;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Maturity maturity;

    /** {@link de.kommunalmarkt.events.HostingMode} names. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "hosting_modes", nullable = false, columnDefinition = "text[]")
    public List<String> hostingModes = new ArrayList<>();

    /** {@link de.kommunalmarkt.events.OperatorType} names. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "supported_operator_types", nullable = false, columnDefinition = "text[]")
    public List<String> supportedOperatorTypes = new ArrayList<>();

    /** Open standards and interfaces it implements (OParl, OGC SensorThings, ...). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> standards = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "solution_reference_environment", joinColumns = @JoinColumn(name = "solution_id"))
    @OrderColumn(name = "position")
    public List<Installation> referenceEnvironments = new ArrayList<>();

    @Column(name = "documentation_url")
    public String documentationUrl;

    @Column(name = "data_protection_statement_url")
    public String dataProtectionStatementUrl;

    @Column(name = "security_concept_url")
    public String securityConceptUrl;

    @Column(name = "accessibility_statement_url")
    public String accessibilityStatementUrl;

    @Column(name = "no_user_interface", nullable = false)
    public boolean noUserInterface;

    @Column(name = "support_contact")
    public String supportContact;

    @Column(name = "support_response_hours")
    public Integer supportResponseHours;

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_policy", nullable = false)
    public ApprovalPolicy approvalPolicy;

    /** The readiness score as of the last change, kept for search results (the detail view evaluates afresh). */
    @Column(name = "readiness_score", nullable = false)
    public BigDecimal readinessScore;

    // Counters kept by atomic SQL increments (licence events, reviews); the entity only reads them, so
    // saving a solution never overwrites a count that changed meanwhile.
    @Column(name = "adoption_count", insertable = false, updatable = false)
    public int adoptionCount;

    @Column(name = "rating_count", insertable = false, updatable = false)
    public int ratingCount;

    @Column(name = "rating_sum", insertable = false, updatable = false)
    public int ratingSum;

    @OneToMany(mappedBy = "solution", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    public List<Plan> plans = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "deprecated_at")
    public Instant deprecatedAt;

    /** The plans a new licence may choose. */
    public List<Plan> activePlans() {
        return plans.stream().filter(Plan::isActive).toList();
    }

    /** Visible in the public catalog (published or deprecated); drafts only to their provider. */
    public boolean isPublic() {
        return state != SolutionState.DRAFT;
    }
}

package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PriceModel;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A licence and price model of a solution. Once its solution is published a licence may refer to
 * it, so it is never changed in place again: a price change is a new plan, the old one is retired
 * (no new licences; existing licences keep their frozen terms).
 */
@Entity
@Table(name = "plan")
public class Plan {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "solution_id", nullable = false)
    public Solution solution;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PriceModel model;

    @Column(name = "monthly_fee")
    public BigDecimal monthlyFee;

    @Column(name = "rate_per_1000")
    public BigDecimal ratePer1000;

    @Column(name = "min_monthly")
    public BigDecimal minMonthly;

    @Column(name = "max_monthly")
    public BigDecimal maxMonthly;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "plan_tier", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<PlanTier> tiers = new ArrayList<>();

    @Column(name = "monthly_pool")
    public BigDecimal monthlyPool;

    @Enumerated(EnumType.STRING)
    @Column(name = "cost_sharing_key")
    public CostSharingKey costSharingKey;

    @Column(name = "inhabitant_weight")
    public BigDecimal inhabitantWeight;

    @Column(name = "setup_fee", nullable = false)
    public BigDecimal setupFee;

    @Column(name = "minimum_term_months", nullable = false)
    public int minimumTermMonths;

    @Column(name = "notice_period_days", nullable = false)
    public int noticePeriodDays;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_exemption_reason")
    public String vatExemptionReason;

    @Column(nullable = false)
    public String currency;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the plan stopped taking new licences; {@code null} while it is offered. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    public boolean isActive() {
        return retiredAt == null;
    }
}

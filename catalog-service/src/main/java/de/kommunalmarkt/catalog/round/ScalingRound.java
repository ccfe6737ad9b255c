package de.kommunalmarkt.catalog.round;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A scaling round (Skalierungsrunde) of a published solution: the provider raises {@code target} from
 * other municipalities for the listed purposes until the end of {@code closesOn} (Europe/Berlin). Its
 * pledges are {@link Pledge} rows. Every change (pledge, withdrawal, close) happens under a write lock
 * on this row, so nothing slips in after a close.
 */
@Entity
@Table(name = "scaling_round")
public class ScalingRound {

    @Id
    public UUID id;

    @Column(name = "solution_id", nullable = false, updatable = false)
    public UUID solutionId;

    @Column(name = "provider_ags", nullable = false, updatable = false)
    public String providerAgs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RoundState state;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "scaling_round_purpose", joinColumns = @JoinColumn(name = "round_id"))
    @OrderColumn(name = "position")
    public List<Purpose> purposes = new ArrayList<>();

    @Column(nullable = false)
    public BigDecimal target;

    /** The last day pledges are taken; the round closes when this day has ended. */
    @Column(name = "closes_on", nullable = false)
    public LocalDate closesOn;

    @Column(name = "min_participants", nullable = false)
    public int minParticipants;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_exemption_reason")
    public String vatExemptionReason;

    @Column(nullable = false)
    public String currency;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_early", nullable = false)
    public boolean closedEarly;

    /** Takes pledges on {@code today}: OPEN and its date not passed (even if the scheduled close has not run yet). */
    public boolean isOpenOn(LocalDate today) {
        return state == RoundState.OPEN && !today.isAfter(closesOn);
    }

    /** Due for the scheduled close on {@code today}: still OPEN, its date passed. */
    public boolean isDueOn(LocalDate today) {
        return state == RoundState.OPEN && today.isAfter(closesOn);
    }
}

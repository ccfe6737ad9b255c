package de.kommunalmarkt.catalog.round;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A municipality's pledge to a scaling round (one per municipality and round; a new one replaces it):
 * a one-off contribution in EUR (0 when it only commits) and/or a commitment to license the plan
 * {@code commitPlanId}, run by the operator {@code commitOperatorId} (both or neither).
 */
@Entity
@Table(name = "round_pledge")
public class Pledge {

    @Id
    public UUID id;

    @Column(name = "round_id", nullable = false, updatable = false)
    public UUID roundId;

    @Column(name = "municipality_ags", nullable = false, updatable = false)
    public String municipalityAgs;

    @Column(nullable = false)
    public BigDecimal contribution;

    @Column(name = "commit_plan_id")
    public UUID commitPlanId;

    @Column(name = "commit_operator_id")
    public String commitOperatorId;

    @Column(name = "pledged_at", nullable = false)
    public Instant pledgedAt;
}

package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.events.ApprovalPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A licence of one solution's plan for an adopting municipality, run by an operator. */
@Entity
@Table(name = "license")
public class License {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LicenseState state;

    @Column(name = "solution_id", nullable = false)
    public String solutionId;

    @Column(name = "solution_name", nullable = false)
    public String solutionName;

    /** The solution's hosting modes when requested, handed to the operator with each deployment. */
    @Column(name = "hosting_modes", nullable = false)
    public String hostingModes;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    /** The operator of the current (latest) deployment. */
    @Column(name = "operator_id", nullable = false)
    public String operatorId;

    @Column(name = "adopter_ags", nullable = false)
    public String adopterAgs;

    @Column(name = "provider_ags", nullable = false)
    public String providerAgs;

    /** The solution's approval policy when requested; null only for a refused commitment of a solution licensing does not know. */
    @Enumerated(EnumType.STRING)
    @Column(name = "approval_policy")
    public ApprovalPolicy approvalPolicy;

    /**
     * The plan's PlanTerms JSON as requested: from the grant on the contract, never changed. Null only for
     * a refused commitment whose plan is not a plan of the solution.
     */
    @Column
    public String terms;

    /** The scaling round whose commitment this licence comes from; null for an ordinary request. */
    @Column(name = "scaling_round_id")
    public UUID scalingRoundId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "activated_on")
    public LocalDate activatedOn;

    @Column(name = "notice_given_on")
    public LocalDate noticeGivenOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "suspended_on")
    public LocalDate suspendedOn;

    @Column(name = "resumed_on")
    public LocalDate resumedOn;

    @Version
    public long version;

    /**
     * Whether the request was left to the provider's decision: MANUAL approval, and no scaling round's
     * commitment (those are approved by the round's success).
     */
    public boolean leftToProvider() {
        return approvalPolicy == ApprovalPolicy.MANUAL && scalingRoundId == null;
    }

    /**
     * The state as of {@code today}: a licence is TERMINATED after its {@code endsOn}, even before
     * the expiry job has recorded it.
     */
    public LicenseState stateOn(LocalDate today) {
        boolean ended = endsOn != null && endsOn.isBefore(today) && (state == LicenseState.ACTIVE || state == LicenseState.SUSPENDED);
        return ended ? LicenseState.TERMINATED : state;
    }
}

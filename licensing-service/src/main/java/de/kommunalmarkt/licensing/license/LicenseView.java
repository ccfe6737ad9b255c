package de.kommunalmarkt.licensing.license;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.licensing.deployment.DeploymentView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A licence as its parties see it: {@code state} is the state as of today; {@code terms} are the
 * plan's terms as requested, frozen as the contract from {@code grantedAt} on; {@code deployment} is
 * the current (latest) one; {@code history} only in the single view; {@code scalingRoundId} is the
 * scaling round whose commitment the licence comes from (absent for an ordinary request);
 * {@code earliestEndsOn} is the earliest end a notice given today may name (only while notice can be
 * given: active or suspended, no notice yet), so the adopter sees it before giving notice. Absent values
 * are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LicenseView(
        UUID id,
        LicenseState state,
        String solutionId,
        String solutionName,
        String planId,
        String operatorId,
        String adopterAgs,
        String adopterName,
        String providerAgs,
        String providerName,
        ApprovalPolicy approvalPolicy,
        UUID scalingRoundId,
        PlanTerms terms,
        Instant requestedAt,
        Instant grantedAt,
        Instant rejectedAt,
        String rejectionReason,
        Instant cancelledAt,
        LocalDate activatedOn,
        LocalDate noticeGivenOn,
        LocalDate endsOn,
        LocalDate earliestEndsOn,
        LocalDate suspendedOn,
        LocalDate resumedOn,
        DeploymentView deployment,
        List<HistoryEntry> history,
        long version) {

    /** The same view with {@code deployment} as the current one. */
    public LicenseView withDeployment(DeploymentView current) {
        return new LicenseView(id, state, solutionId, solutionName, planId, operatorId, adopterAgs, adopterName, providerAgs,
                providerName, approvalPolicy, scalingRoundId, terms, requestedAt, grantedAt, rejectedAt, rejectionReason, cancelledAt, activatedOn,
                noticeGivenOn, endsOn, earliestEndsOn, suspendedOn, resumedOn, current, history, version);
    }

    /** One state change: {@code from} is absent for the request that created the licence. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(LicenseState from, LicenseState to, String action, String by, String detail, Instant at) {
    }
}

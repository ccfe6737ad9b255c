package de.kommunalmarkt.catalog.round;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A scaling round as the API shows it, with its totals. {@code daysLeft}: whole days after today up to
 * {@code closesOn} (0 on the last day and once closed). {@code myPledge} only for an adopter whose
 * municipality has pledged; {@code pledges} only for the round's provider and marketplace admins
 * (municipalities never see each other's pledges otherwise). Absent fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoundView(
        UUID id,
        UUID solutionId,
        String solutionName,
        String providerAgs,
        RoundState state,
        List<PurposeView> purposes,
        BigDecimal target,
        BigDecimal pledgedTotal,
        int participants,
        int minParticipants,
        LocalDate closesOn,
        int daysLeft,
        String vatCategory,
        BigDecimal vatRate,
        String vatExemptionReason,
        Instant openedAt,
        Instant closedAt,
        boolean closedEarly,
        MyPledge myPledge,
        List<PledgeView> pledges) {

    public record PurposeView(String purpose, BigDecimal amount) {
    }

    /** The caller's municipality's own pledge. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyPledge(BigDecimal contribution, UUID commitPlanId, String commitOperatorId, Instant pledgedAt) {
    }

    /** One municipality's pledge, as the round's provider (and a marketplace admin) sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PledgeView(String municipalityAgs, String municipalityName, BigDecimal contribution, UUID commitPlanId,
            String commitOperatorId, Instant pledgedAt) {
    }
}

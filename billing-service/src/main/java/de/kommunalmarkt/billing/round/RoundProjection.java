package de.kommunalmarkt.billing.round;

import de.kommunalmarkt.common.inbox.PoisonEventException;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.events.PledgeMade;
import de.kommunalmarkt.events.PledgeWithdrawn;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.RoundPledge;
import de.kommunalmarkt.events.ScalingRoundClosed;
import de.kommunalmarkt.events.ScalingRoundOpened;
import de.kommunalmarkt.events.VatCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies {@code catalog.rounds} (README, "Scaling rounds: contributions"): the rounds (state, target — break-even's
 * investment), the standing pledges of open rounds (break-even's commitments) and, when a round succeeds, one pending
 * contribution per pledge above 0, which the next billing run puts on the pledger's invoice. Runs inside the
 * idempotent consumer's transaction; per-key (round) order holds. A redelivered close (the same event again, or a
 * copy under another id) stores nothing twice: a closed round is never changed, and a contribution is unique per
 * (round, municipality).
 */
@ApplicationScoped
public class RoundProjection {

    private static final Logger LOG = Logger.getLogger(RoundProjection.class);

    private final EntityManager em;

    public RoundProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyRoundEvent(ReceivedEvent event) {
        switch (event.type()) {
            case SCALING_ROUND_OPENED -> opened(event.as(ScalingRoundOpened.class));
            case PLEDGE_MADE -> pledged(event.as(PledgeMade.class));
            case PLEDGE_WITHDRAWN -> withdrawn(event.as(PledgeWithdrawn.class));
            case SCALING_ROUND_CLOSED -> closed(event.as(ScalingRoundClosed.class));
            default -> {
                // no other event on this topic
            }
        }
    }

    private void opened(ScalingRoundOpened e) {
        requireRound(e.roundId(), e.solutionId(), e.providerAgs(), e.target());
        em.createNativeQuery("""
                insert into scaling_round (round_id, solution_id, solution_name, provider_ags, state, target, opened_at)
                values (:round, :solution, :name, :provider, 'OPEN', :target, :openedAt)
                on conflict (round_id) do nothing""")
                .setParameter("round", e.roundId()).setParameter("solution", e.solutionId())
                .setParameter("name", e.solutionName()).setParameter("provider", e.providerAgs())
                .setParameter("target", e.target())
                .setParameter("openedAt", e.openedAt() == null ? Instant.now() : e.openedAt()).executeUpdate();
    }

    /** A pledge, or the replacement of the municipality's earlier one. */
    private void pledged(PledgeMade e) {
        if (e.roundId() == null || !Ags.isValid(e.municipalityAgs())) {
            throw new PoisonEventException("PledgeMade lacks its round or a valid municipality AGS: " + e.municipalityAgs());
        }
        BigDecimal contribution = e.contribution() == null ? BigDecimal.ZERO.setScale(2) : e.contribution();
        if (contribution.signum() < 0) {
            throw new PoisonEventException("PledgeMade of " + e.municipalityAgs() + " has a negative contribution");
        }
        em.createNativeQuery("""
                insert into scaling_round_pledge (round_id, municipality_ags, contribution, commit_plan_id, pledged_at)
                values (:round, :ags, :contribution, :plan, :at)
                on conflict (round_id, municipality_ags) do update set contribution = excluded.contribution,
                    commit_plan_id = excluded.commit_plan_id, pledged_at = excluded.pledged_at""")
                .setParameter("round", e.roundId()).setParameter("ags", e.municipalityAgs())
                .setParameter("contribution", contribution).setParameter("plan", e.commitPlanId())
                .setParameter("at", e.pledgedAt() == null ? Instant.now() : e.pledgedAt()).executeUpdate();
    }

    private void withdrawn(PledgeWithdrawn e) {
        em.createNativeQuery("delete from scaling_round_pledge where round_id = :round and municipality_ags = :ags")
                .setParameter("round", e.roundId()).setParameter("ags", e.municipalityAgs()).executeUpdate();
    }

    /**
     * The round's outcome; for SUCCEEDED every pledge with a contribution above 0 becomes a pending contribution with
     * the round's VAT, solution and provider.
     */
    private void closed(ScalingRoundClosed e) {
        requireRound(e.roundId(), e.solutionId(), e.providerAgs(), e.target());
        if (e.outcome() == null) {
            throw new PoisonEventException("ScalingRoundClosed " + e.roundId() + " has no outcome");
        }
        Instant closedAt = e.closedAt() == null ? Instant.now() : e.closedAt();
        int changed = em.createNativeQuery("""
                insert into scaling_round (round_id, solution_id, solution_name, provider_ags, state, target, closed_at)
                values (:round, :solution, :name, :provider, :state, :target, :closedAt)
                on conflict (round_id) do update set state = excluded.state, closed_at = excluded.closed_at,
                    target = excluded.target, solution_name = coalesce(excluded.solution_name, scaling_round.solution_name)
                where scaling_round.state = 'OPEN'""")
                .setParameter("round", e.roundId()).setParameter("solution", e.solutionId())
                .setParameter("name", e.solutionName()).setParameter("provider", e.providerAgs())
                .setParameter("state", e.outcome().name()).setParameter("target", e.target())
                .setParameter("closedAt", closedAt).executeUpdate();
        if (changed == 0) {
            LOG.infof("Scaling round %s was closed before; the close changes nothing", e.roundId());
            return;
        }
        if (e.outcome() != RoundOutcome.SUCCEEDED) {
            return;
        }
        List<RoundPledge> contributing = e.pledges().stream()
                .filter(p -> p.contribution() != null && p.contribution().signum() > 0).toList();
        if (contributing.isEmpty()) {
            return;
        }
        List<VatCategory.Violation> violations = VatCategory.check(e.vatCategory(), e.vatRate(), e.vatExemptionReason());
        if (!violations.isEmpty()) {
            throw new PoisonEventException("ScalingRoundClosed " + e.roundId() + " carries VAT billing cannot invoice: "
                    + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        }
        VatCategory category = VatCategory.valueOf(e.vatCategory());
        Set<String> pledgers = new HashSet<>();
        for (RoundPledge pledge : contributing) {
            if (!Ags.isValid(pledge.municipalityAgs()) || !pledgers.add(pledge.municipalityAgs())) {
                throw new PoisonEventException("ScalingRoundClosed " + e.roundId() + " has an invalid or repeated pledger "
                        + pledge.municipalityAgs());
            }
            em.createNativeQuery("""
                    insert into scaling_contribution (id, round_id, municipality_ags, amount, vat_category, vat_rate,
                        vat_exemption_reason, provider_ags, solution_id, solution_name, closed_at, recorded_at)
                    values (:id, :round, :ags, :amount, :category, :rate, :reason, :provider, :solution, :name, :closedAt,
                        :now)
                    on conflict (round_id, municipality_ags) do nothing""")
                    .setParameter("id", UUID.randomUUID()).setParameter("round", e.roundId())
                    .setParameter("ags", pledge.municipalityAgs()).setParameter("amount", pledge.contribution())
                    .setParameter("category", category.name()).setParameter("rate", e.vatRate())
                    .setParameter("reason", category.needsExemptionReason() ? e.vatExemptionReason() : null)
                    .setParameter("provider", e.providerAgs()).setParameter("solution", e.solutionId())
                    .setParameter("name", e.solutionName() == null ? e.solutionId() : e.solutionName())
                    .setParameter("closedAt", closedAt).setParameter("now", Instant.now()).executeUpdate();
        }
        LOG.infof("Scaling round %s of %s succeeded: %d contributions to bill", e.roundId(), e.solutionId(),
                contributing.size());
    }

    private static void requireRound(String roundId, String solutionId, String providerAgs, BigDecimal target) {
        if (roundId == null || solutionId == null || !Ags.isValid(providerAgs) || target == null || target.signum() < 0) {
            throw new PoisonEventException("scaling round " + roundId + " lacks its solution, a valid provider AGS or "
                    + "a target ≥ 0");
        }
    }
}

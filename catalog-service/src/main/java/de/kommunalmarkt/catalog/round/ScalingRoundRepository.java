package de.kommunalmarkt.catalog.round;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScalingRoundRepository implements PanacheRepositoryBase<ScalingRound, UUID> {

    /**
     * The round, write-locked until the transaction ends ({@code select … for update}, waiting for another
     * holder): pledges, withdrawals and closes of one round happen one after the other, on every instance.
     */
    public Optional<ScalingRound> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<ScalingRound> openOf(UUID solutionId) {
        return find("solutionId = ?1 and state = ?2", solutionId, RoundState.OPEN).firstResultOptional();
    }

    /** Rounds of the solution and in the state (each if given), newest first. */
    public PanacheQuery<ScalingRound> matching(UUID solutionId, RoundState state) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (solutionId != null) {
            conditions.add("solutionId = :solution");
            parameters.and("solution", solutionId);
        }
        if (state != null) {
            conditions.add("state = :state");
            parameters.and("state", state);
        }
        Sort order = Sort.descending("openedAt").and("id", Sort.Direction.Descending);
        return conditions.isEmpty() ? findAll(order) : find(String.join(" and ", conditions), order, parameters);
    }

    /** The current round of each solution that has one: the OPEN one, else the latest opened. */
    public Map<UUID, ScalingRound> currentOf(Collection<UUID> solutionIds) {
        Map<UUID, ScalingRound> current = new LinkedHashMap<>();
        if (solutionIds.isEmpty()) {
            return current;
        }
        List<ScalingRound> found = getEntityManager().createQuery("select r from ScalingRound r where r.solutionId in :ids"
                + " order by r.solutionId, case when r.state = :open then 0 else 1 end, r.openedAt desc, r.id desc", ScalingRound.class)
                .setParameter("ids", solutionIds).setParameter("open", RoundState.OPEN).getResultList();
        found.forEach(r -> current.putIfAbsent(r.solutionId, r));
        return current;
    }

    /** OPEN rounds whose closing date lies before {@code today}, by date. */
    public List<UUID> dueToClose(LocalDate today) {
        return getEntityManager().createQuery("select r.id from ScalingRound r where r.state = :open and r.closesOn < :today"
                + " order by r.closesOn, r.id", UUID.class)
                .setParameter("open", RoundState.OPEN).setParameter("today", today).getResultList();
    }

    /**
     * The round, write-locked, if it is still due to close on {@code today}; empty also when another
     * transaction holds its lock (skipped, not waited for: another instance is closing it, or a pledge
     * is being refused — the next run takes it).
     */
    public Optional<ScalingRound> lockIfDue(UUID id, LocalDate today) {
        List<?> locked = getEntityManager().createNativeQuery("select id from scaling_round where id = ?1 and state = 'OPEN'"
                + " and closes_on < ?2 for update skip locked").setParameter(1, id).setParameter(2, today).getResultList();
        return locked.isEmpty() ? Optional.empty() : findByIdOptional(id);
    }
}

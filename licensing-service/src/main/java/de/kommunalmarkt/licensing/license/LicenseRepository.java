package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.licensing.HqlEnums;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class LicenseRepository implements PanacheRepositoryBase<License, UUID> {

    /** First key of the two-key advisory locks of scaling rounds ("KMSR"); the second is the round id's hash. */
    private static final int ROUND_LOCK_CLASS = 0x4B4D5352;
    private static final String RUNNING_HQL = HqlEnums.list(List.of(LicenseState.ACTIVE, LicenseState.SUSPENDED));
    private static final String OPEN_OF_SOLUTION = "adopterAgs = ?1 and solutionId = ?2 and state not in "
            + HqlEnums.list(LicenseState.CLOSED);

    /** The municipality's licence of the solution that is not REJECTED, CANCELLED or TERMINATED (as stored). */
    public Optional<License> findOpen(String adopterAgs, String solutionId) {
        return find(OPEN_OF_SOLUTION, adopterAgs, solutionId).firstResultOptional();
    }

    /** The licence recorded for the municipality's commitment in the scaling round, if any. */
    public Optional<License> ofRound(UUID scalingRoundId, String adopterAgs) {
        return find("scalingRoundId = ?1 and adopterAgs = ?2", scalingRoundId, adopterAgs).firstResultOptional();
    }

    /**
     * Holds the scaling round until the transaction ends (a transaction-scoped advisory lock): one
     * transaction at a time, on any instance, records the round's commitments, and the next one sees
     * what the first committed. The unique index {@code license_one_per_round_commitment} stays the last word.
     */
    public void lockRound(UUID scalingRoundId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, ROUND_LOCK_CLASS).setParameter(2, scalingRoundId.hashCode()).getSingleResult();
    }

    /** Licences still stored ACTIVE or SUSPENDED whose end date lies before {@code today}. */
    public List<UUID> dueToEnd(LocalDate today) {
        return getEntityManager().createQuery("select id from License where endsOn < ?1 and state in " + RUNNING_HQL
                        + " order by endsOn, id", UUID.class)
                .setParameter(1, today).getResultList();
    }

    /**
     * The licence, locked for update, if it is still due to end; empty also when another transaction
     * holds its lock (skipped, not waited for: a parallel expiry job is ending it).
     */
    public Optional<License> lockIfDueToEnd(UUID id, LocalDate today) {
        List<?> locked = getEntityManager().createNativeQuery("select id from license where id = ?1 and ends_on < ?2"
                + " and state in ('ACTIVE', 'SUSPENDED') for update skip locked").setParameter(1, id).setParameter(2, today).getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(findById(id));
    }

    /** A page of the licences in scope, filtered by the state as of {@code today} and the solution. */
    public List<License> page(LicenseScope scope, LicenseState state, String solutionId, LocalDate today, Page page) {
        return query(scope, state, solutionId, today).page(page).list();
    }

    public long count(LicenseScope scope, LicenseState state, String solutionId, LocalDate today) {
        return query(scope, state, solutionId, today).count();
    }

    private PanacheQuery<License> query(LicenseScope scope, LicenseState state, String solutionId, LocalDate today) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!scope.all()) {
            List<String> tenant = new ArrayList<>();
            if (scope.asAdopter()) {
                tenant.add("adopterAgs = :municipality");
            }
            if (scope.asProvider()) {
                tenant.add("providerAgs = :municipality");
            }
            where.add(tenant.isEmpty() ? "1 = 0" : "(" + String.join(" or ", tenant) + ")");
            params.and("municipality", scope.municipality());
        }
        if (state != null) {
            // the state as of today: ACTIVE/SUSPENDED past endsOn count as TERMINATED (see License#stateOn)
            switch (state) {
                case TERMINATED -> where.add("(state = :state or (state in " + RUNNING_HQL + " and endsOn < :today))");
                case ACTIVE, SUSPENDED -> where.add("state = :state and (endsOn is null or endsOn >= :today)");
                default -> where.add("state = :state");
            }
            params.and("state", state);
            if (state == LicenseState.TERMINATED || state == LicenseState.ACTIVE || state == LicenseState.SUSPENDED) {
                params.and("today", today);
            }
        }
        if (solutionId != null) {
            where.add("solutionId = :solutionId");
            params.and("solutionId", solutionId);
        }
        Sort sort = Sort.by("requestedAt", Sort.Direction.Descending).and("id");
        return where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
    }
}

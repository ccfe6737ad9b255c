package de.kommunalmarkt.catalog.round;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class PledgeRepository implements PanacheRepositoryBase<Pledge, UUID> {

    private static final Sort ORDER = Sort.by("pledgedAt").and("municipalityAgs");

    /** The round's standing pledges, oldest first. */
    public List<Pledge> of(UUID roundId) {
        return list("roundId", ORDER, roundId);
    }

    public Optional<Pledge> of(UUID roundId, String municipalityAgs) {
        return find("roundId = ?1 and municipalityAgs = ?2", roundId, municipalityAgs).firstResultOptional();
    }

    /** The standing pledges of the rounds, each round's oldest first. */
    public Map<UUID, List<Pledge>> ofRounds(Collection<UUID> roundIds) {
        if (roundIds.isEmpty()) {
            return Map.of();
        }
        return list("roundId in ?1", ORDER, roundIds).stream().collect(Collectors.groupingBy(p -> p.roundId));
    }

    /** The municipality's pledge to each of the rounds it pledged to. */
    public Map<UUID, Pledge> ofMunicipality(Collection<UUID> roundIds, String municipalityAgs) {
        if (roundIds.isEmpty()) {
            return Map.of();
        }
        return list("roundId in ?1 and municipalityAgs = ?2", roundIds, municipalityAgs).stream()
                .collect(Collectors.toMap(p -> p.roundId, p -> p));
    }

    /** Each round's contributions summed and its pledging municipalities counted (rounds without pledges: {@link Tally#NONE}). */
    public Map<UUID, Tally> tallies(Collection<UUID> roundIds) {
        Map<UUID, Tally> tallies = new HashMap<>();
        roundIds.forEach(id -> tallies.put(id, Tally.NONE));
        if (roundIds.isEmpty()) {
            return tallies;
        }
        List<Object[]> rows = getEntityManager().createQuery("select p.roundId, count(p), sum(p.contribution) from Pledge p"
                + " where p.roundId in :ids group by p.roundId", Object[].class).setParameter("ids", roundIds).getResultList();
        for (Object[] row : rows) {
            tallies.put((UUID) row[0], new Tally(RoundMapper.money((BigDecimal) row[2]), ((Number) row[1]).intValue()));
        }
        return tallies;
    }
}

package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.licensing.HqlEnums;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    private static final String HOLDING_SLOT_OF_OPERATOR = "operatorId = ?1 and state in " + HqlEnums.list(DeploymentState.HOLDING_SLOT);
    private static final String OPEN_OF_LICENSE = "licenseId = ?1 and state in " + HqlEnums.list(DeploymentState.OPEN);

    /** Deployments of the operator in REQUESTED or ACCEPTED; call with the operator locked. */
    public long countHoldingSlot(String operatorId) {
        return count(HOLDING_SLOT_OF_OPERATOR, operatorId);
    }

    /** The operator's queue, first in first. */
    public List<Deployment> queued(String operatorId, int limit) {
        return find("operatorId = ?1 and state = ?2", Sort.by("queueSeq"), operatorId, DeploymentState.QUEUED)
                .page(0, limit).list();
    }

    public Optional<Deployment> openOf(UUID licenseId) {
        return find(OPEN_OF_LICENSE, licenseId).firstResultOptional();
    }

    public Optional<Deployment> latestOf(UUID licenseId) {
        return find("licenseId", Sort.by("queueSeq", Sort.Direction.Descending), licenseId).firstResultOptional();
    }

    public long nextQueueSeq() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('deployment_queue_seq')").getSingleResult()).longValue();
    }

    /** A page of deployments, of one operator or all ({@code operatorId} null), in queue order. */
    public List<Deployment> page(String operatorId, DeploymentState state, Page page) {
        return query(operatorId, state).page(page).list();
    }

    public long count(String operatorId, DeploymentState state) {
        return query(operatorId, state).count();
    }

    public Map<DeploymentState, Long> countByState() {
        Map<DeploymentState, Long> counts = new EnumMap<>(DeploymentState.class);
        for (DeploymentState s : DeploymentState.values()) {
            counts.put(s, 0L);
        }
        getEntityManager().createQuery("select state, count(*) from Deployment group by state", Object[].class)
                .getResultList().forEach(row -> counts.put((DeploymentState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    private PanacheQuery<Deployment> query(String operatorId, DeploymentState state) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (operatorId != null) {
            where.add("operatorId = :operatorId");
            params.and("operatorId", operatorId);
        }
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        Sort sort = Sort.by("queueSeq");
        return where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
    }
}

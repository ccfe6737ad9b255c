package de.kommunalmarkt.licensing.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class CatalogOperatorRepository implements PanacheRepositoryBase<CatalogOperator, String> {

    /**
     * The operator, write-locked until the transaction ends: whoever counts or fills its slots holds
     * this lock first, so two transactions never both see a free slot, nor free one slot twice.
     * Refreshed under the lock, so a capacity read earlier in the transaction is not used stale.
     */
    public Optional<CatalogOperator> lock(String operatorId) {
        Optional<CatalogOperator> operator = findByIdOptional(operatorId);
        operator.ifPresent(o -> getEntityManager().refresh(o, LockModeType.PESSIMISTIC_WRITE));
        return operator;
    }
}

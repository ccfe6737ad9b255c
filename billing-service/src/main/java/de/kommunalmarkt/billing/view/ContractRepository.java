package de.kommunalmarkt.billing.view;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ContractRepository implements PanacheRepository<Contract> {

    public Optional<Contract> findByPlan(String planId) {
        return find("planId", planId).firstResultOptional();
    }
}

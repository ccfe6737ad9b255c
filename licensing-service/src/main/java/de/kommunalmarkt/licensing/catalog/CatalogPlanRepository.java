package de.kommunalmarkt.licensing.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class CatalogPlanRepository implements PanacheRepositoryBase<CatalogPlan, String> {

    public List<CatalogPlan> ofSolution(String solutionId) {
        return list("solutionId", solutionId);
    }
}

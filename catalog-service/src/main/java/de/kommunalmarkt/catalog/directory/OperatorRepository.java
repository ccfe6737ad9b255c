package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.OperatorType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class OperatorRepository implements PanacheRepositoryBase<Operator, String> {

    /** Operators of the type (if given) that serve the state (if given), by name. */
    public PanacheQuery<Operator> matching(OperatorType type, String state) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (type != null) {
            conditions.add("operatorType = :type");
            parameters.and("type", type);
        }
        if (state != null) {
            conditions.add("array_contains(statesServed, :state)");
            parameters.and("state", state);
        }
        Sort order = Sort.by("name").and("id");
        return conditions.isEmpty() ? findAll(order) : find(String.join(" and ", conditions), order, parameters);
    }
}

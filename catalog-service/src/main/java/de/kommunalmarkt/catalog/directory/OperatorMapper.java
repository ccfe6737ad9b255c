package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.OperatorRegistered;
import de.kommunalmarkt.events.OperatorUpdated;
import java.util.List;

/** Between the entity, the REST records and the directory events. */
final class OperatorMapper {

    static void apply(OperatorRequest request, Operator target) {
        target.name = request.name().strip();
        target.operatorType = request.operatorType();
        // a set in the domain: duplicates collapse, order is by state code
        target.statesServed = request.statesServed().stream().distinct().sorted().toList();
        target.capacity = request.capacity();
        target.contactEmail = request.contactEmail().strip();
    }

    static OperatorView view(Operator o) {
        return new OperatorView(o.id, o.name, o.operatorType, List.copyOf(o.statesServed), o.capacity, o.contactEmail,
                o.registeredAt, o.updatedAt);
    }

    static OperatorRegistered registered(Operator o) {
        return new OperatorRegistered(o.id, o.name, o.operatorType, o.statesServed, o.capacity, o.contactEmail);
    }

    static OperatorUpdated updated(Operator o) {
        return new OperatorUpdated(o.id, o.name, o.operatorType, o.statesServed, o.capacity, o.contactEmail);
    }

    private OperatorMapper() {
    }
}

package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.OperatorType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Registers and updates operators; every change leaves as an event through the outbox. */
@ApplicationScoped
public class OperatorService {

    private final OperatorRepository operators;
    private final Outbox outbox;

    public OperatorService(OperatorRepository operators, Outbox outbox) {
        this.operators = operators;
        this.outbox = outbox;
    }

    @Transactional
    public OperatorView register(OperatorRequest request) {
        if (operators.findByIdOptional(request.id()).isPresent()) {
            throw ProblemException.conflict("Operator " + request.id() + " is already registered; use PUT to update it")
                    .with("id", request.id());
        }
        Operator o = new Operator();
        o.id = request.id();
        OperatorMapper.apply(request, o);
        o.registeredAt = Instant.now();
        o.updatedAt = o.registeredAt;
        operators.persist(o);
        outbox.publish(OperatorMapper.registered(o));
        return OperatorMapper.view(o);
    }

    @Transactional
    public OperatorView update(String id, OperatorRequest request) {
        if (!id.equals(request.id())) {
            throw ProblemException.badRequest("id", "must equal the id in the path (" + id + "); an operator id cannot be changed");
        }
        Operator o = operators.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Operator", id));
        OperatorMapper.apply(request, o);
        o.updatedAt = Instant.now();
        operators.flush();
        outbox.publish(OperatorMapper.updated(o));
        return OperatorMapper.view(o);
    }

    public boolean exists(String id) {
        return operators.findByIdOptional(id).isPresent();
    }

    public OperatorView get(String id) {
        return operators.findByIdOptional(id).map(OperatorMapper::view)
                .orElseThrow(() -> ProblemException.notFound("Operator", id));
    }

    public PageResult<OperatorView> list(OperatorType type, String state, PageParams page) {
        PanacheQuery<Operator> query = operators.matching(type, state);
        long total = query.count();
        return PageResult.of(query.page(Page.of(page.page, page.size)).list().stream().map(OperatorMapper::view).toList(),
                page, total);
    }
}

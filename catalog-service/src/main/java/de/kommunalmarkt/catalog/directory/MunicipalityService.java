package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Registers and updates municipalities; every change leaves as an event through the outbox. */
@ApplicationScoped
public class MunicipalityService {

    private final MunicipalityRepository municipalities;
    private final Outbox outbox;
    private final Event<MunicipalityRenamed> renamed;

    public MunicipalityService(MunicipalityRepository municipalities, Outbox outbox, Event<MunicipalityRenamed> renamed) {
        this.municipalities = municipalities;
        this.outbox = outbox;
        this.renamed = renamed;
    }

    @Transactional
    public MunicipalityView register(MunicipalityRequest request) {
        if (municipalities.findByIdOptional(request.ags()).isPresent()) {
            throw ProblemException.conflict("Municipality " + request.ags() + " is already registered; use PUT to update it")
                    .with("ags", request.ags());
        }
        Municipality m = new Municipality();
        m.ags = request.ags();
        MunicipalityMapper.apply(request, m);
        m.registeredAt = Instant.now();
        m.updatedAt = m.registeredAt;
        municipalities.persist(m);
        outbox.publish(MunicipalityMapper.registered(m));
        return MunicipalityMapper.view(m);
    }

    @Transactional
    public MunicipalityView update(String ags, MunicipalityRequest request) {
        if (!ags.equals(request.ags())) {
            throw ProblemException.badRequest("ags", "must equal the AGS in the path (" + ags + "); an AGS cannot be changed");
        }
        Municipality m = municipalities.findByIdOptional(ags).orElseThrow(() -> ProblemException.notFound("Municipality", ags));
        String formerName = m.name;
        MunicipalityMapper.apply(request, m);
        m.updatedAt = Instant.now();
        municipalities.flush();
        outbox.publish(MunicipalityMapper.updated(m));
        if (!m.name.equals(formerName)) {
            renamed.fire(new MunicipalityRenamed(ags));
        }
        return MunicipalityMapper.view(m);
    }

    public MunicipalityView get(String ags) {
        return municipalities.findByIdOptional(ags).map(MunicipalityMapper::view)
                .orElseThrow(() -> ProblemException.notFound("Municipality", ags));
    }

    public PageResult<MunicipalityView> search(String text, PageParams page) {
        return PageResult.of(municipalities.search(text, Page.of(page.page, page.size)).stream()
                .map(MunicipalityMapper::view).toList(), page, municipalities.countMatching(text));
    }
}

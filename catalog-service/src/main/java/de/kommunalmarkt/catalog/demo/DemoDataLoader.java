package de.kommunalmarkt.catalog.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.catalog.CatalogConfig;
import de.kommunalmarkt.catalog.directory.MunicipalityRepository;
import de.kommunalmarkt.catalog.directory.MunicipalityService;
import de.kommunalmarkt.catalog.directory.OperatorService;
import de.kommunalmarkt.catalog.round.PledgeRequest;
import de.kommunalmarkt.catalog.round.RoundService;
import de.kommunalmarkt.catalog.round.ScalingRoundRepository;
import de.kommunalmarkt.catalog.round.Viewer;
import de.kommunalmarkt.catalog.solution.SolutionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Loads the demo dataset through the same service methods the REST API calls (validation, outbox
 * events and all), as a marketplace admin (directory), as each provider (solutions, plans,
 * publishing, scaling rounds) and as each pledging municipality. What exists already is left alone,
 * so loading again changes nothing (a demo round is opened once, closing a fixed number of days after
 * that first load). The whole load is one transaction under an advisory lock: several instances
 * starting at once load it once, and a broken dataset leaves nothing half-loaded behind.
 */
@ApplicationScoped
public class DemoDataLoader {

    /** What a load did. */
    public record Outcome(int municipalities, int operators, int solutions, int plans, int published, int rounds, int pledges) {
        public boolean changedNothing() {
            return municipalities + operators + solutions + plans + published + rounds + pledges == 0;
        }
    }

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);
    private static final long DEMO_LOCK = 0x6b6d64656d6fL; // "kmdemo"

    private final CatalogConfig config;
    private final ObjectMapper json;
    private final Validator validator;
    private final EntityManager em;
    private final MunicipalityRepository municipalities;
    private final MunicipalityService municipalityService;
    private final OperatorService operatorService;
    private final SolutionService solutionService;
    private final RoundService roundService;
    private final ScalingRoundRepository rounds;
    private final Clock clock;

    public DemoDataLoader(CatalogConfig config, ObjectMapper json, Validator validator, EntityManager em,
            MunicipalityRepository municipalities, MunicipalityService municipalityService, OperatorService operatorService,
            SolutionService solutionService, RoundService roundService, ScalingRoundRepository rounds, Clock clock) {
        this.config = config;
        this.json = json;
        this.validator = validator;
        this.em = em;
        this.municipalities = municipalities;
        this.municipalityService = municipalityService;
        this.operatorService = operatorService;
        this.solutionService = solutionService;
        this.roundService = roundService;
        this.rounds = rounds;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.demoData().enabled()) {
            load();
        }
    }

    public Outcome load() {
        DemoData data = read(config.demoData().resource());
        validate(data);
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, DEMO_LOCK).getSingleResult();
            return apply(data);
        });
        LOG.infof("Demo data %s: %d municipalities, %d operators, %d solutions with %d plans added, %d published, "
                + "%d scaling rounds with %d pledges opened", outcome.changedNothing() ? "already loaded" : "loaded",
                outcome.municipalities(), outcome.operators(), outcome.solutions(), outcome.plans(), outcome.published(),
                outcome.rounds(), outcome.pledges());
        return outcome;
    }

    private Outcome apply(DemoData data) {
        int newMunicipalities = 0;
        for (var m : data.municipalities()) {
            if (municipalities.findByIdOptional(m.ags()).isEmpty()) {
                municipalityService.register(m);
                newMunicipalities++;
            }
        }
        int newOperators = 0;
        for (var o : data.operators()) {
            if (!operatorService.exists(o.id())) {
                operatorService.register(o);
                newOperators++;
            }
        }
        int newSolutions = 0;
        int newPlans = 0;
        int published = 0;
        for (DemoData.DemoSolution s : data.solutions()) {
            if (solutionService.exists(s.id())) {
                continue;
            }
            solutionService.create(s.provider(), s.id(), s.solution());
            newSolutions++;
            for (DemoData.DemoPlan p : s.plans()) {
                solutionService.addPlan(s.provider(), s.id(), DemoData.planId(s, p), p.plan());
                newPlans++;
            }
            if (s.publish()) {
                solutionService.publish(s.provider(), s.id());
                published++;
            }
        }
        int newRounds = 0;
        int newPledges = 0;
        LocalDate today = LocalDate.now(clock);
        for (DemoData.DemoRound r : data.rounds()) {
            if (rounds.findByIdOptional(r.id()).isPresent()) {
                continue;
            }
            DemoData.DemoSolution s = data.solution(r.solution());
            roundService.open(s.provider(), s.id(), r.id(), r.request(today));
            newRounds++;
            for (DemoData.DemoPledge p : r.pledges()) {
                roundService.pledge(p.municipality(), r.id(), new PledgeRequest(p.contribution(),
                        p.commitPlan() == null ? null : DemoData.planId(s.key(), p.commitPlan()), p.commitOperator()), Viewer.ANONYMOUS);
                newPledges++;
            }
        }
        return new Outcome(newMunicipalities, newOperators, newSolutions, newPlans, published, newRounds, newPledges);
    }

    private DemoData read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Demo dataset " + resource + " not found on the classpath");
            }
            return json.readValue(in, DemoData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo dataset " + resource + " cannot be read", e);
        }
    }

    /** The checks the REST layer applies to each request, so a broken dataset fails loudly and loads nothing. */
    private void validate(DemoData data) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < data.municipalities().size(); i++) {
            collect("municipalities[" + i + "]", validator.validate(data.municipalities().get(i)), problems);
        }
        for (int i = 0; i < data.operators().size(); i++) {
            collect("operators[" + i + "]", validator.validate(data.operators().get(i)), problems);
        }
        for (DemoData.DemoSolution s : data.solutions()) {
            collect("solutions[" + s.key() + "]", validator.validate(s.solution()), problems);
            for (DemoData.DemoPlan p : s.plans()) {
                collect("solutions[" + s.key() + "].plans[" + p.key() + "]", validator.validate(p.plan()), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Demo dataset is invalid: " + String.join("; ", problems));
        }
    }

    private static void collect(String where, Set<? extends ConstraintViolation<?>> violations, List<String> problems) {
        violations.forEach(v -> problems.add(where + "." + v.getPropertyPath() + " " + v.getMessage()));
    }
}

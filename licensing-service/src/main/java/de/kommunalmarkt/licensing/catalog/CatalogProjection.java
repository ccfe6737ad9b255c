package de.kommunalmarkt.licensing.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.MunicipalityUpdated;
import de.kommunalmarkt.events.OperatorRegistered;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.OperatorUpdated;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionDeprecated;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.events.SolutionUpdated;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Licensing's read model of the catalog: solutions with their plans and terms from
 * {@code catalog.solutions}, operators and municipalities from {@code catalog.directory}; each
 * operator's own topic is created when the operator is first seen ({@link OperatorTopics}). Each event
 * is applied once (idempotent by {@code ce_id}), in key order (ordered blocking consumers); a record
 * that cannot be applied ends in the topic's {@code .dlq}.
 */
@ApplicationScoped
public class CatalogProjection implements EventConsumer {

    static final String SOLUTIONS_CONSUMER = "licensing-catalog-solutions";
    static final String DIRECTORY_CONSUMER = "licensing-catalog-directory";
    private static final Logger LOG = Logger.getLogger(CatalogProjection.class);

    private final IdempotentConsumer inbox;
    private final CatalogSolutionRepository solutions;
    private final CatalogPlanRepository plans;
    private final CatalogOperatorRepository operators;
    private final CatalogMunicipalityRepository municipalities;
    private final Event<OperatorCapacityUpdated> capacityUpdated;
    private final OperatorTopics operatorTopics;
    private final ObjectMapper json;

    public CatalogProjection(IdempotentConsumer inbox, CatalogSolutionRepository solutions, CatalogPlanRepository plans,
            CatalogOperatorRepository operators, CatalogMunicipalityRepository municipalities,
            Event<OperatorCapacityUpdated> capacityUpdated, OperatorTopics operatorTopics, ObjectMapper json) {
        this.inbox = inbox;
        this.solutions = solutions;
        this.plans = plans;
        this.operators = operators;
        this.municipalities = municipalities;
        this.capacityUpdated = capacityUpdated;
        this.operatorTopics = operatorTopics;
        this.json = json;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(SOLUTIONS_CONSUMER, this::applySolutionEvent, DIRECTORY_CONSUMER, this::applyDirectoryEvent);
    }

    @Incoming("solutions")
    @Blocking
    public void onSolutionEvent(ConsumerRecord<String, String> record) {
        inbox.apply(SOLUTIONS_CONSUMER, record);
    }

    @Incoming("directory")
    @Blocking
    public void onDirectoryEvent(ConsumerRecord<String, String> record) {
        inbox.apply(DIRECTORY_CONSUMER, record);
    }

    void applySolutionEvent(ReceivedEvent event) {
        switch (event.type()) {
            case SOLUTION_PUBLISHED -> {
                SolutionPublished e = event.as(SolutionPublished.class);
                upsertSolution(e.solutionId(), e.providerAgs(), e.name(), e.state(), e.approvalPolicy(), e.supportedOperatorTypes(),
                        e.hostingModes(), e.plans(), e.occurredAt());
            }
            case SOLUTION_UPDATED -> {
                SolutionUpdated e = event.as(SolutionUpdated.class);
                upsertSolution(e.solutionId(), e.providerAgs(), e.name(), e.state(), e.approvalPolicy(), e.supportedOperatorTypes(),
                        e.hostingModes(), e.plans(), e.occurredAt());
            }
            case SOLUTION_DEPRECATED -> deprecate(event.as(SolutionDeprecated.class));
            default -> LOG.debugf("Ignoring %s on catalog.solutions", event.type().typeName());
        }
    }

    void applyDirectoryEvent(ReceivedEvent event) {
        switch (event.type()) {
            case OPERATOR_REGISTERED -> {
                OperatorRegistered e = event.as(OperatorRegistered.class);
                upsertOperator(e.operatorId(), e.name(), e.operatorType(), e.capacity(), e.contactEmail());
            }
            case OPERATOR_UPDATED -> {
                OperatorUpdated e = event.as(OperatorUpdated.class);
                upsertOperator(e.operatorId(), e.name(), e.operatorType(), e.capacity(), e.contactEmail());
            }
            case MUNICIPALITY_REGISTERED -> {
                MunicipalityRegistered e = event.as(MunicipalityRegistered.class);
                upsertMunicipality(e.ags(), e.name(), e.inhabitants(), e.contactEmail());
            }
            case MUNICIPALITY_UPDATED -> {
                MunicipalityUpdated e = event.as(MunicipalityUpdated.class);
                upsertMunicipality(e.ags(), e.name(), e.inhabitants(), e.contactEmail());
            }
            default -> LOG.debugf("Ignoring %s on catalog.directory", event.type().typeName());
        }
    }

    private void upsertSolution(String id, String providerAgs, String name, SolutionState state, ApprovalPolicy approvalPolicy,
            List<OperatorType> operatorTypes, List<HostingMode> hostingModes, List<PlanTerms> planTerms, Instant occurredAt) {
        Instant catalogTime = occurredAt.truncatedTo(ChronoUnit.MICROS);
        CatalogSolution solution = solutions.findByIdOptional(id).orElse(null);
        if (solution != null && solution.catalogTime.isAfter(catalogTime)) {
            LOG.infof("Skipping a stale event of solution %s (from %s, applied %s)", id, catalogTime, solution.catalogTime);
            return;
        }
        if (solution == null) {
            solution = new CatalogSolution();
            solution.id = id;
        }
        solution.providerAgs = providerAgs;
        solution.name = name;
        solution.state = state;
        solution.approvalPolicy = approvalPolicy;
        solution.supportedOperatorTypes = EnumList.join(operatorTypes);
        solution.hostingModes = EnumList.join(hostingModes);
        solution.catalogTime = catalogTime;
        solution.updatedAt = Instant.now();
        solutions.persist(solution);

        // the event carries all plans: plans no longer listed are no longer offered
        Set<String> offered = planTerms.stream().map(PlanTerms::planId).collect(Collectors.toSet());
        plans.ofSolution(id).stream().filter(p -> !offered.contains(p.id)).forEach(plans::delete);
        for (PlanTerms terms : planTerms) {
            CatalogPlan plan = plans.findByIdOptional(terms.planId()).orElseGet(CatalogPlan::new);
            plan.id = terms.planId();
            plan.solutionId = id;
            plan.terms = toJson(terms);
            plans.persist(plan);
        }
    }

    private void deprecate(SolutionDeprecated e) {
        CatalogSolution solution = solutions.findByIdOptional(e.solutionId()).orElse(null);
        if (solution == null) {
            LOG.warnf("SolutionDeprecated for unknown solution %s: nothing to deprecate", e.solutionId());
            return;
        }
        Instant catalogTime = e.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (solution.catalogTime.isAfter(catalogTime)) {
            return;
        }
        solution.state = SolutionState.DEPRECATED;
        solution.catalogTime = catalogTime;
        solution.updatedAt = Instant.now();
    }

    /**
     * A larger capacity frees slots at once: an update of a known operator is announced
     * ({@link OperatorCapacityUpdated}, synchronously, with the row locked), and the deployment queue
     * releases the operator's queued deployments into the free slots.
     */
    private void upsertOperator(String id, String name, OperatorType type, int capacity, String contactEmail) {
        // the operator's own topic exists before any deployment for it can be requested
        operatorTopics.ensure(id);
        CatalogOperator operator = operators.lock(id).orElse(null);
        boolean isNew = operator == null;
        if (isNew) {
            operator = new CatalogOperator();
            operator.id = id;
        }
        operator.name = name;
        operator.operatorType = type;
        operator.capacity = capacity;
        operator.contactEmail = contactEmail;
        operator.updatedAt = Instant.now();
        if (isNew) {
            operators.persist(operator);
        } else {
            capacityUpdated.fire(new OperatorCapacityUpdated(operator, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        }
    }

    private void upsertMunicipality(String ags, String name, long inhabitants, String contactEmail) {
        CatalogMunicipality municipality = municipalities.findByIdOptional(ags).orElseGet(CatalogMunicipality::new);
        municipality.ags = ags;
        municipality.name = name;
        municipality.inhabitants = inhabitants;
        municipality.contactEmail = contactEmail;
        municipality.updatedAt = Instant.now();
        municipalities.persist(municipality);
    }

    private String toJson(PlanTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("plan terms cannot be serialised", e);
        }
    }
}

package de.kommunalmarkt.events;

import java.time.Instant;
import java.util.List;

/** A solution's catalog entry changed; carries the whole new entry (topic {@code catalog.solutions}, key: solution id). */
public record SolutionUpdated(
        String solutionId,
        String providerAgs,
        String name,
        String summary,
        String category,
        SolutionState state,
        ApprovalPolicy approvalPolicy,
        List<OperatorType> supportedOperatorTypes,
        List<HostingMode> hostingModes,
        List<PlanTerms> plans,
        Instant occurredAt) implements DomainEvent {

    public SolutionUpdated {
        supportedOperatorTypes = List.copyOf(supportedOperatorTypes);
        hostingModes = List.copyOf(hostingModes);
        plans = List.copyOf(plans);
    }

    @Override
    public String key() {
        return solutionId;
    }
}

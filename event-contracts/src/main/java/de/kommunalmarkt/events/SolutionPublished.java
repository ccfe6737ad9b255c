package de.kommunalmarkt.events;

import java.time.Instant;
import java.util.List;

/** A solution passed the transfer-readiness gate and is now in the public catalog (topic {@code catalog.solutions}, key: solution id). */
public record SolutionPublished(
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

    public SolutionPublished {
        supportedOperatorTypes = List.copyOf(supportedOperatorTypes);
        hostingModes = List.copyOf(hostingModes);
        plans = List.copyOf(plans);
    }

    @Override
    public String key() {
        return solutionId;
    }
}

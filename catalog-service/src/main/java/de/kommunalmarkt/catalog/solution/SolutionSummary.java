package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.SolutionState;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A solution in a result list: enough to choose, without plans and quality profile. */
public record SolutionSummary(
        UUID id,
        String providerAgs,
        String providerName,
        SolutionState state,
        String name,
        String summary,
        Category category,
        Maturity maturity,
        String sourceLicense,
        List<HostingMode> hostingModes,
        List<OperatorType> supportedOperatorTypes,
        List<String> standards,
        BigDecimal readinessScore,
        int adoptionCount,
        SolutionView.Rating rating) {
}

package de.kommunalmarkt.licensing.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.kommunalmarkt.events.HostingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A deployment as the operator (and the licence's parties) see it. Absent values are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(
        UUID id,
        UUID licenseId,
        String operatorId,
        DeploymentState state,
        String solutionId,
        String solutionName,
        String adopterAgs,
        List<HostingMode> hostingModes,
        Instant createdAt,
        Instant requestedAt,
        Instant acceptedAt,
        Instant completedAt,
        LocalDate liveOn,
        Instant failedAt,
        String failureReason,
        Instant cancelledAt,
        long version) {
}

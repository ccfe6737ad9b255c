package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.events.DeploymentRequested;
import java.time.Instant;

/** Between deployments, their REST view and the deployment events. */
public final class DeploymentMapper {

    public static DeploymentView view(Deployment d, LicensedSolution solution) {
        return new DeploymentView(d.id, d.licenseId, d.operatorId, d.state, solution.solutionId(), solution.solutionName(),
                solution.adopterAgs(), solution.hostingModes(), d.createdAt, d.requestedAt,
                d.acceptedAt, d.completedAt, d.liveOn, d.failedAt, d.failureReason, d.cancelledAt, d.version);
    }

    static DeploymentRequested requested(Deployment d, LicensedSolution solution, Instant at) {
        return new DeploymentRequested(d.id.toString(), solution.licenseId().toString(), solution.solutionId(),
                solution.solutionName(), solution.adopterAgs(), d.operatorId, solution.hostingModes(), at);
    }

    private DeploymentMapper() {
    }
}

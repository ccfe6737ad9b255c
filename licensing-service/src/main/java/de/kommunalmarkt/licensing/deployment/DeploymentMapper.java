package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.events.DeploymentRequested;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.licensing.catalog.EnumList;
import de.kommunalmarkt.licensing.license.License;
import java.time.Instant;

/** Between deployments, their REST view and the deployment events. */
public final class DeploymentMapper {

    public static DeploymentView view(Deployment d, License license) {
        return new DeploymentView(d.id, d.licenseId, d.operatorId, d.state, license.solutionId, license.solutionName,
                license.adopterAgs, EnumList.split(license.hostingModes, HostingMode.class), d.createdAt, d.requestedAt,
                d.acceptedAt, d.completedAt, d.liveOn, d.failedAt, d.failureReason, d.cancelledAt, d.version);
    }

    static DeploymentRequested requested(Deployment d, License license, Instant at) {
        return new DeploymentRequested(d.id.toString(), license.id.toString(), license.solutionId, license.solutionName,
                license.adopterAgs, d.operatorId, EnumList.split(license.hostingModes, HostingMode.class), at);
    }

    private DeploymentMapper() {
    }
}

package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.events.HostingMode;
import java.util.List;
import java.util.UUID;

/**
 * What a deployment deploys, as the licence it is for states it: the solution, for which adopter, in
 * which hosting modes. Told to the operator with DeploymentRequested and shown in the deployment's view.
 */
public record LicensedSolution(UUID licenseId, String solutionId, String solutionName, String adopterAgs,
        List<HostingMode> hostingModes) {
}

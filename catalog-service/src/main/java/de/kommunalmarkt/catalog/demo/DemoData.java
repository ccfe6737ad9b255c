package de.kommunalmarkt.catalog.demo;

import de.kommunalmarkt.catalog.directory.MunicipalityRequest;
import de.kommunalmarkt.catalog.directory.OperatorRequest;
import de.kommunalmarkt.catalog.solution.PlanRequest;
import de.kommunalmarkt.catalog.solution.SolutionRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The demo dataset as the file holds it: the same request records the API takes. Solutions and
 * plans have a {@code key}; their ids are name-based UUIDs of it, so every load yields the same ids.
 */
public record DemoData(List<MunicipalityRequest> municipalities, List<OperatorRequest> operators, List<DemoSolution> solutions) {

    /** A solution of a provider municipality; {@code publish} passes it through the gate after its plans are added. */
    public record DemoSolution(String key, String provider, boolean publish, SolutionRequest solution, List<DemoPlan> plans) {
        public UUID id() {
            return nameBased("solution/" + key);
        }
    }

    public record DemoPlan(String key, PlanRequest plan) {
    }

    static UUID planId(DemoSolution solution, DemoPlan plan) {
        return nameBased("plan/" + solution.key() + "/" + plan.key());
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(("kommunalmarkt-demo/" + name).getBytes(StandardCharsets.UTF_8));
    }
}

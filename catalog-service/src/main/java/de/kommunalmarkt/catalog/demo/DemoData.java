package de.kommunalmarkt.catalog.demo;

import de.kommunalmarkt.catalog.directory.MunicipalityRequest;
import de.kommunalmarkt.catalog.directory.OperatorRequest;
import de.kommunalmarkt.catalog.round.RoundRequest;
import de.kommunalmarkt.catalog.solution.PlanRequest;
import de.kommunalmarkt.catalog.solution.SolutionRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The demo dataset as the file holds it: the same request records the API takes. Solutions, plans and
 * scaling rounds have a {@code key}; their ids are name-based UUIDs of it, so every load yields the same ids.
 */
public record DemoData(List<MunicipalityRequest> municipalities, List<OperatorRequest> operators, List<DemoSolution> solutions,
        List<DemoRound> rounds) {

    public DemoData {
        rounds = rounds == null ? List.of() : rounds;
    }

    /** A solution of a provider municipality; {@code publish} passes it through the gate after its plans are added. */
    public record DemoSolution(String key, String provider, boolean publish, SolutionRequest solution, List<DemoPlan> plans) {
        public UUID id() {
            return nameBased("solution/" + key);
        }
    }

    public record DemoPlan(String key, PlanRequest plan) {
    }

    /**
     * An open scaling round of the solution with key {@code solution}, opened by its provider, closing
     * {@code closesInDays} after the day the demo loads (so it is open whenever the demo starts afresh),
     * with the pledges of some demo municipalities.
     */
    public record DemoRound(String key, String solution, int closesInDays, List<RoundRequest.PurposeRequest> purposes,
            BigDecimal target, int minParticipants, String vatCategory, BigDecimal vatRate, String vatExemptionReason,
            List<DemoPledge> pledges) {

        public UUID id() {
            return nameBased("round/" + key);
        }

        public RoundRequest request(LocalDate today) {
            return new RoundRequest(purposes, target, today.plusDays(closesInDays), minParticipants, vatCategory, vatRate,
                    vatExemptionReason);
        }
    }

    /** A municipality's pledge: a contribution and/or a commitment to the plan with key {@code commitPlan}, run by {@code commitOperator}. */
    public record DemoPledge(String municipality, BigDecimal contribution, String commitPlan, String commitOperator) {
    }

    static UUID planId(DemoSolution solution, DemoPlan plan) {
        return nameBased("plan/" + solution.key() + "/" + plan.key());
    }

    /** The id of the plan with key {@code planKey} of the solution with key {@code solutionKey}. */
    static UUID planId(String solutionKey, String planKey) {
        return nameBased("plan/" + solutionKey + "/" + planKey);
    }

    /** The solution with the key; the dataset names only its own. */
    DemoSolution solution(String key) {
        return solutions.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Demo dataset: no solution with key " + key));
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(("kommunalmarkt-demo/" + name).getBytes(StandardCharsets.UTF_8));
    }
}

package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The scaling-round contributions a document's CONTRIBUTION lines charge or credit (table scaling_contribution). */
public record LineContributions(Map<UUID, Contribution> contributions) {

    /** What a contribution line shows: the round, the solution it financed and its provider, the VAT exemption reason. */
    public record Contribution(UUID id, String roundId, String solutionId, String solutionName, String providerAgs,
            String vatExemptionReason) {

        /** The line's text (German, like every invoice text): "Skalierungsbeitrag <solution>". */
        public String description() {
            return "Skalierungsbeitrag " + solutionName;
        }
    }

    public static final LineContributions NONE = new LineContributions(Map.of());

    public static LineContributions load(EntityManager em, Collection<UUID> ids) {
        List<UUID> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return NONE;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, round_id, solution_id, solution_name, provider_ags, "
                + "vat_exemption_reason from scaling_contribution where id in (:ids)")
                .setParameter("ids", wanted).getResultList();
        Map<UUID, Contribution> contributions = new HashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            contributions.put(id, new Contribution(id, (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5]));
        }
        return new LineContributions(contributions);
    }

    public Contribution of(UUID contributionId) {
        Contribution contribution = contributions.get(contributionId);
        if (contribution == null) {
            throw new IllegalStateException("contribution " + contributionId + " of a document line is unknown");
        }
        return contribution;
    }
}

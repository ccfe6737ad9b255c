package de.kommunalmarkt.billing.statement;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ProviderStatement;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider statements, summed from the invoice lines of a period: a licence's line belongs to its contract, whose
 * solution's provider earns the line's net amount; a scaling-round contribution's line (kind CONTRIBUTION) to the
 * round's solution and provider. Both are the provider's revenue, under the same platform fee (README, "Scaling
 * rounds: contributions").
 */
@ApplicationScoped
public class StatementService {

    /** Per line of the period: provider, solution and its name, adopter and its name, net, and whether a contribution. */
    private static final String LINES_OF_PERIOD = """
            select c.provider_ags, c.solution_id, c.solution_name, i.municipality_ags, i.buyer_name, l.net_amount,
                false as contribution
            from invoice i join invoice_line l on l.invoice_id = i.id join contract c on c.id = l.contract_id
            where i.period = :period
            union all
            select s.provider_ags, s.solution_id, s.solution_name, i.municipality_ags, i.buyer_name, l.net_amount, true
            from invoice i join invoice_line l on l.invoice_id = i.id join scaling_contribution s on s.id = l.contribution_id
            where i.period = :period""";

    private final EntityManager em;
    private final PlatformFeeRates feeRates;

    public StatementService(EntityManager em, PlatformFeeRates feeRates) {
        this.em = em;
        this.feeRates = feeRates;
    }

    /** The statement of one provider; all zero if it earned nothing in the period. */
    public StatementView of(String providerAgs, BillingPeriod period) {
        return statements(List.of(providerAgs), period).get(0);
    }

    /** The statements of every provider that earned something in the period, by AGS, a page of providers at a time. */
    public PageResult<StatementView> all(BillingPeriod period, PageParams page) {
        @SuppressWarnings("unchecked")
        List<String> providers = em.createNativeQuery("select distinct provider_ags from (" + LINES_OF_PERIOD
                + ") lines order by 1")
                .setParameter("period", period.toString())
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(distinct provider_ags) from (" + LINES_OF_PERIOD
                + ") lines").setParameter("period", period.toString()).getSingleResult()).longValue();
        return PageResult.of(providers.isEmpty() ? List.of() : statements(providers, period), page, total);
    }

    private List<StatementView> statements(List<String> providers, BillingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select provider_ags, solution_id, max(solution_name), municipality_ags, "
                + "max(buyer_name), sum(net_amount), sum(case when contribution then net_amount else 0 end) from ("
                + LINES_OF_PERIOD + ") lines where provider_ags in (:providers) group by 1, 2, 4")
                .setParameter("period", period.toString())
                .setParameter("providers", providers)
                .getResultList();
        Map<String, List<ProviderStatement.Revenue>> revenues = new LinkedHashMap<>();
        providers.forEach(provider -> revenues.put(provider, new ArrayList<>()));
        Map<String, String> solutionNames = new HashMap<>();
        Map<String, String> adopterNames = new HashMap<>();
        Map<String, BigDecimal> contributions = new HashMap<>();
        for (Object[] row : rows) {
            String solutionId = (String) row[1];
            String adopterAgs = (String) row[3];
            solutionNames.put(solutionId, (String) row[2]);
            adopterNames.put(adopterAgs, (String) row[4]);
            revenues.get((String) row[0]).add(new ProviderStatement.Revenue(solutionId, adopterAgs, (BigDecimal) row[5]));
            contributions.merge(row[0] + "/" + solutionId + "/" + adopterAgs, (BigDecimal) row[6], BigDecimal::add);
        }
        List<StatementView> statements = new ArrayList<>();
        BigDecimal feeRate = feeRates.of(period);
        revenues.forEach((provider, earned) -> {
            ProviderStatement statement = ProviderStatement.calculate(provider, period, earned, feeRate);
            List<StatementView.Revenue> lines = statement.revenues().stream().map(r -> new StatementView.Revenue(
                    r.solutionId(), solutionNames.get(r.solutionId()), r.adopterAgs(), adopterNames.get(r.adopterAgs()),
                    r.net(), cents(contributions.get(provider + "/" + r.solutionId() + "/" + r.adopterAgs())))).toList();
            BigDecimal contributionRevenue = lines.stream().map(StatementView.Revenue::contributions)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            statements.add(new StatementView(provider, period.toString(), lines, statement.total(), contributionRevenue,
                    statement.feeRate(), statement.platformFee(), statement.payout(), "EUR"));
        });
        return statements;
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount.setScale(2);
    }
}

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
 * Provider statements, summed from the invoice lines of a period: each line belongs to a licence's
 * contract, whose solution's provider earns the line's net amount.
 */
@ApplicationScoped
public class StatementService {

    private static final String LINES_OF_PERIOD = """
            from invoice i join invoice_line l on l.invoice_id = i.id join contract c on c.id = l.contract_id
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
        List<String> providers = em.createNativeQuery("select distinct c.provider_ags " + LINES_OF_PERIOD + " order by 1")
                .setParameter("period", period.toString())
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(distinct c.provider_ags) " + LINES_OF_PERIOD)
                .setParameter("period", period.toString()).getSingleResult()).longValue();
        return PageResult.of(providers.isEmpty() ? List.of() : statements(providers, period), page, total);
    }

    private List<StatementView> statements(List<String> providers, BillingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.provider_ags, c.solution_id, c.solution_name, "
                + "i.municipality_ags, i.buyer_name, sum(l.net_amount) " + LINES_OF_PERIOD
                + " and c.provider_ags in (:providers) group by 1, 2, 3, 4, 5")
                .setParameter("period", period.toString())
                .setParameter("providers", providers)
                .getResultList();
        Map<String, List<ProviderStatement.Revenue>> revenues = new LinkedHashMap<>();
        providers.forEach(provider -> revenues.put(provider, new ArrayList<>()));
        Map<String, String> solutionNames = new HashMap<>();
        Map<String, String> adopterNames = new HashMap<>();
        for (Object[] row : rows) {
            String solutionId = (String) row[1];
            String adopterAgs = (String) row[3];
            solutionNames.put(solutionId, (String) row[2]);
            adopterNames.put(adopterAgs, (String) row[4]);
            revenues.get((String) row[0]).add(new ProviderStatement.Revenue(solutionId, adopterAgs, (BigDecimal) row[5]));
        }
        List<StatementView> statements = new ArrayList<>();
        BigDecimal feeRate = feeRates.of(period);
        revenues.forEach((provider, earned) -> {
            ProviderStatement statement = ProviderStatement.calculate(provider, period, earned, feeRate);
            statements.add(new StatementView(provider, period.toString(),
                    statement.revenues().stream().map(r -> new StatementView.Revenue(r.solutionId(),
                            solutionNames.get(r.solutionId()), r.adopterAgs(), adopterNames.get(r.adopterAgs()), r.net()))
                            .toList(),
                    statement.total(), statement.feeRate(), statement.platformFee(), statement.payout(), "EUR"));
        });
        return statements;
    }
}

package de.kommunalmarkt.billing.breakeven;

import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.pricing.BreakEven;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.view.CatalogView;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.BillingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Computes the break-even of a provider's solution from billing's view (README, "Break-even"): the licences at their
 * frozen terms, the requests and the open round's commitments at the plans' current catalog terms, the directory's
 * inhabitants, all priced by billing's own pricing ({@link BreakEven}, {@link de.kommunalmarkt.billing.pricing.CostSharingAllocation}).
 */
@ApplicationScoped
public class BreakEvenService {

    /** The adopter size the cost-sharing prices are for when none is asked for. */
    public static final long DEFAULT_INHABITANTS = 10_000;

    /** A licence's plan as billing prices it: the plan id, and the terms (frozen for a licence, current otherwise). */
    private record Priced(String planId, ContractTerms terms) {
    }

    /** A municipality's licence of a plan, active or in the pipeline. */
    private record Item(String ags, long inhabitants, Priced plan) {
    }

    private final DataSource dataSource;
    private final CatalogView catalog;
    private final Periods periods;

    public BreakEvenService(DataSource dataSource, CatalogView catalog, Periods periods) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.periods = periods;
    }

    /** The solution's provider AGS, or null if billing does not know the solution. */
    public String providerOf(String solutionId) {
        return catalog.providerOf(solutionId);
    }

    /**
     * The break-even of a solution billing knows; {@code investment} and {@code monthlyCost} null take their defaults
     * (422 naming the parameter when there is none).
     */
    public BreakEvenView compute(String solutionId, BigDecimal investment, BigDecimal monthlyCost, long inhabitants) {
        LocalDate today = periods.today();
        BillingPeriod month = new BillingPeriod(YearMonth.from(today));
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<CatalogView.Plan> plans = catalog.plans(c, solutionId);
            BigDecimal invested = investment != null ? investment : defaultInvestment(c, solutionId);
            BigDecimal cost = monthlyCost != null ? monthlyCost : defaultMonthlyCost(plans);

            // revenue now: the licences active today, at their frozen terms; a cost-sharing plan yields its pool once
            List<Item> active = active(c, solutionId, today);
            BigDecimal revenueNow = BigDecimal.ZERO.setScale(2);
            Set<String> poolsCounted = new HashSet<>();
            for (Item item : active) {
                revenueNow = revenueNow.add(revenue(item, month, poolsCounted));
            }
            // the pipeline: granted, not active (frozen terms); requested (current terms); the open round's commitments
            Map<String, Priced> current = new HashMap<>();
            plans.forEach(plan -> current.put(plan.planId(), new Priced(plan.planId(), plan.terms())));
            List<Item> pipeline = new ArrayList<>(granted(c, solutionId, today));
            pipeline.addAll(requested(c, solutionId, current));
            Set<String> holding = new HashSet<>();
            active.forEach(item -> holding.add(item.ags() + "/" + item.plan().planId()));
            pipeline.forEach(item -> holding.add(item.ags() + "/" + item.plan().planId()));
            for (Item commitment : commitments(c, solutionId, current)) {
                // a municipality that already holds or asked for a licence of the plan counts once
                if (holding.add(commitment.ags() + "/" + commitment.plan().planId())) {
                    pipeline.add(commitment);
                }
            }
            BigDecimal revenueWithPipeline = revenueNow;
            for (Item item : pipeline) {
                revenueWithPipeline = revenueWithPipeline.add(revenue(item, month, poolsCounted));
            }

            BreakEven.Result result = BreakEven.of(invested, cost, revenueNow, revenueWithPipeline);
            List<BreakEvenView.CostSharingPlan> costSharing = new ArrayList<>();
            for (CatalogView.Plan plan : plans) {
                if (plan.terms().price() instanceof PriceTerms.CostSharing pool) {
                    List<BreakEven.Adopter> adopters = active.stream()
                            .filter(item -> item.plan().planId().equals(plan.planId()))
                            .map(item -> new BreakEven.Adopter(item.ags(), item.inhabitants())).toList();
                    List<BigDecimal> prices = BreakEven.costSharingPrices(pool, inhabitants, adopters,
                            Math.max(10, adopters.size() + 1), month);
                    List<BreakEvenView.Price> curve = new ArrayList<>(prices.size());
                    for (int n = 0; n < prices.size(); n++) {
                        curve.add(new BreakEvenView.Price(n + 1, prices.get(n)));
                    }
                    costSharing.add(new BreakEvenView.CostSharingPlan(plan.planId(), plan.name(), inhabitants, curve));
                }
            }
            return new BreakEvenView(solutionId, result.investment(), result.monthlyCost(), result.revenueNow(),
                    result.revenueWithPipeline(), result.monthsToBreakEvenNow(), result.monthsToBreakEvenWithPipeline(),
                    result.curve().stream().map(p -> new BreakEvenView.Month(p.month(), p.cumulativeNow(),
                            p.cumulativeWithPipeline())).toList(),
                    costSharing);
        } catch (SQLException e) {
            throw new IllegalStateException("the break-even of solution " + solutionId + " could not be computed", e);
        }
    }

    /** A full month of the item's licence; a cost-sharing plan's pool the first time the plan is met, else nothing. */
    private static BigDecimal revenue(Item item, BillingPeriod month, Set<String> poolsCounted) {
        if (item.plan().terms().price() instanceof PriceTerms.CostSharing pool) {
            return poolsCounted.add(item.plan().planId()) ? pool.monthlyPool() : BigDecimal.ZERO.setScale(2);
        }
        return BreakEven.fullMonth(item.plan().terms(), item.inhabitants(), month);
    }

    /** The target of the solution's latest succeeded round, else of its open round; 422 if it has neither. */
    private static BigDecimal defaultInvestment(Connection c, String solutionId) throws SQLException {
        for (String sql : List.of(
                "select target from scaling_round where solution_id = ? and state = 'SUCCEEDED' "
                        + "order by closed_at desc, round_id desc limit 1",
                "select target from scaling_round where solution_id = ? and state = 'OPEN' "
                        + "order by opened_at desc nulls last, round_id desc limit 1")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, solutionId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getBigDecimal(1).setScale(2);
                    }
                }
            }
        }
        throw required("investment", "investment required: the solution has no succeeded or open scaling round whose "
                + "target it could take; give investment (EUR)");
    }

    /** The sum of the monthly pools of the solution's cost-sharing plans (current catalog terms); 422 if it has none. */
    private static BigDecimal defaultMonthlyCost(List<CatalogView.Plan> plans) {
        List<BigDecimal> pools = plans.stream().map(plan -> plan.terms().price())
                .filter(PriceTerms.CostSharing.class::isInstance)
                .map(price -> ((PriceTerms.CostSharing) price).monthlyPool()).toList();
        if (pools.isEmpty()) {
            throw required("monthlyCost", "monthlyCost required: the solution has no cost-sharing plan whose pool it "
                    + "could take; give monthlyCost (EUR)");
        }
        return pools.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static ProblemException required(String field, String message) {
        return ProblemException.unprocessable(message, List.of(new Problem.Violation(field, message)));
    }

    /**
     * The solution's licences active today (activated, not ended, not suspended) of municipalities billing knows, at
     * their frozen terms, in the order of activation.
     */
    private List<Item> active(Connection c, String solutionId, LocalDate today) throws SQLException {
        return licences(c, """
                select l.adopter_ags, m.inhabitants, c.plan_id, c.terms
                from license l join contract c on c.id = l.contract_id join municipality m on m.ags = l.adopter_ags
                where c.solution_id = ? and l.activated_on <= ? and (l.ends_on is null or l.ends_on >= ?)
                  and not exists (select 1 from license_suspension s where s.license_id = l.license_id
                      and s.suspended_on <= ? and (s.resumed_on is null or s.resumed_on > ?))
                order by l.activated_on, l.adopter_ags, l.license_id""", solutionId, today, 4);
    }

    /** Granted, not active yet (or active only from a later day), not cancelled, not ended: at their frozen terms. */
    private List<Item> granted(Connection c, String solutionId, LocalDate today) throws SQLException {
        return licences(c, """
                select l.adopter_ags, m.inhabitants, c.plan_id, c.terms
                from license l join contract c on c.id = l.contract_id join municipality m on m.ags = l.adopter_ags
                where c.solution_id = ? and (l.activated_on is null or l.activated_on > ?) and l.cancelled_at is null
                  and (l.ends_on is null or l.ends_on >= ?)
                order by l.granted_at, l.license_id""", solutionId, today, 2);
    }

    private List<Item> licences(Connection c, String sql, String solutionId, LocalDate today, int todays)
            throws SQLException {
        List<Item> items = new ArrayList<>();
        Map<String, Priced> frozen = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, solutionId);
            for (int i = 0; i < todays; i++) {
                s.setObject(i + 2, today);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String planId = rs.getString(3);
                    String terms = rs.getString(4);
                    Priced plan = frozen.computeIfAbsent(planId, id -> new Priced(id, catalog.terms(terms, id)));
                    items.add(new Item(rs.getString(1), rs.getLong(2), plan));
                }
            }
        }
        return items;
    }

    /** Requests not granted, rejected or cancelled, of plans the catalog still offers: at the current terms. */
    private static List<Item> requested(Connection c, String solutionId, Map<String, Priced> current) throws SQLException {
        return atCurrentTerms(c, """
                select r.adopter_ags, m.inhabitants, r.plan_id from license_request r
                join municipality m on m.ags = r.adopter_ags
                where r.solution_id = ? and r.state = 'REQUESTED'
                  and not exists (select 1 from license l where l.license_id = r.license_id)
                order by r.requested_at, r.license_id""", solutionId, current);
    }

    /** The commitments standing in the solution's open round: at the plan's current terms. */
    private static List<Item> commitments(Connection c, String solutionId, Map<String, Priced> current) throws SQLException {
        return atCurrentTerms(c, """
                select p.municipality_ags, m.inhabitants, p.commit_plan_id
                from scaling_round r join scaling_round_pledge p on p.round_id = r.round_id
                join municipality m on m.ags = p.municipality_ags
                where r.solution_id = ? and r.state = 'OPEN' and p.commit_plan_id is not null
                order by p.pledged_at, p.municipality_ags""", solutionId, current);
    }

    private static List<Item> atCurrentTerms(Connection c, String sql, String solutionId, Map<String, Priced> current)
            throws SQLException {
        List<Item> items = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, solutionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Priced plan = current.get(rs.getString(3));
                    if (plan != null) {
                        items.add(new Item(rs.getString(1), rs.getLong(2), plan));
                    }
                }
            }
        }
        return items;
    }
}

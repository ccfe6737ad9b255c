package de.kommunalmarkt.billing.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.events.PlanTerms;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads billing's view of the catalog as {@link CatalogProjection} writes it ({@code catalog_solution},
 * {@code catalog_plan}), for break-even and the price preview: whose a solution is (and so whether billing knows
 * it), and the plans the catalog offers now at their current terms.
 */
@ApplicationScoped
public class CatalogView {

    /** A plan of a solution as the catalog publishes it now, at its current terms. */
    public record Plan(String planId, String name, ContractTerms terms) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    public CatalogView(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The solution's provider AGS, or null if billing has not seen the solution on {@code catalog.solutions}. */
    public String providerOf(String solutionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select provider_ags from catalog_solution where solution_id = ?")) {
            s.setString(1, solutionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the solution " + solutionId + " could not be read", e);
        }
    }

    /** The plans the catalog offers now for the solution (a retired plan is no longer in the view), in its order. */
    public List<Plan> plans(Connection c, String solutionId) throws SQLException {
        List<Plan> plans = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select plan_id, name, terms from catalog_plan where solution_id = ? order by position, plan_id")) {
            s.setString(1, solutionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String planId = rs.getString(1);
                    plans.add(new Plan(planId, rs.getString(2), terms(rs.getString(3), planId)));
                }
            }
        }
        return plans;
    }

    /** A plan's terms as the view and the contracts keep them (the event's {@link PlanTerms} as JSON), ready to price. */
    public ContractTerms terms(String terms, String planId) {
        try {
            return ContractTerms.frozen(json.readValue(terms, PlanTerms.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("terms of plan " + planId + " are not readable", e);
        }
    }
}

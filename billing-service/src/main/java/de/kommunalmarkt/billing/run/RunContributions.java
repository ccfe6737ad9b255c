package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scaling-round contributions a run bills (README, "Scaling rounds: contributions"), per municipality number:
 * a small map, a few rows per succeeded round, read once per execution.
 *
 * <ul>
 * <li>{@link #assign} — in the transaction that takes the run's snapshot: every contribution billing has recorded and
 *     no run has taken yet, of a municipality in the run's directory, becomes the run's ({@code run_id}). So the run
 *     that bills a contribution is the first whose snapshot is taken after billing recorded it (after the round's
 *     close), whatever its period; one recorded later (a consumer lagging, a transaction committing after the
 *     snapshot) waits for the next run, and a pledger billing does not know yet waits until it does.
 * <li>{@link #load} — every execution of the run reads all of the run's contributions, billed or not: the
 *     municipalities the run invoices, and so its work units' positions, are the same on every execution.
 * <li>{@link BatchWriter} marks each billed ({@code invoice_id}) in the transaction that writes its invoice; an
 *     open unit's contributions are therefore unbilled, a done unit's billed — and the unique index on
 *     {@code invoice_line.contribution_id} refuses a second line whatever happens.
 * </ul>
 */
final class RunContributions {

    /** A contribution as its line bills it. */
    record Contribution(UUID id, BigDecimal amount, VatCategory vatCategory, BigDecimal vatRate, String vatExemptionReason) {

        DraftLine line() {
            return DraftLine.contribution(amount, vatCategory, vatRate, vatExemptionReason, null);
        }
    }

    private static final RunContributions NONE = new RunContributions(Map.of());

    private final Map<Integer, List<Contribution>> byMunicipality;

    private RunContributions(Map<Integer, List<Contribution>> byMunicipality) {
        this.byMunicipality = byMunicipality;
    }

    /** The municipality's contributions, in the order they were recorded (round close, then round id). */
    List<Contribution> of(int municipality) {
        return byMunicipality.getOrDefault(municipality, List.of());
    }

    int[] municipalities() {
        return byMunicipality.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    int count() {
        return byMunicipality.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Makes every pending contribution of a municipality in the run's directory (its snapshot partition, just
     * written) the run's own, in the caller's (snapshot) transaction; returns how many.
     */
    static int assign(Connection c, UUID runId) throws SQLException {
        return update(c, """
                update scaling_contribution set run_id = ?
                where run_id is null and municipality_ags in (select ags from billing_run_municipality where run_id = ?)""",
                runId, runId);
    }

    /** Every contribution the run bills, billed already or not, by municipality number. */
    static RunContributions load(Connection c, UUID runId, RunInputs inputs) throws SQLException {
        Map<Integer, List<Contribution>> byMunicipality = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select municipality_ags, id, amount, vat_category, vat_rate, vat_exemption_reason
                from scaling_contribution where run_id = ? order by municipality_ags, closed_at, round_id""")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int municipality = inputs.municipality(rs.getString(1));
                    if (municipality < 0) {
                        // assign() takes only municipalities of the directory the same transaction copied
                        throw new IllegalStateException("contribution for " + rs.getString(1) + " outside the run's directory");
                    }
                    byMunicipality.computeIfAbsent(municipality, m -> new ArrayList<>()).add(new Contribution(
                            rs.getObject(2, UUID.class), rs.getBigDecimal(3), VatCategory.valueOf(rs.getString(4)),
                            rs.getBigDecimal(5).stripTrailingZeros(), rs.getString(6)));
                }
            }
        }
        return byMunicipality.isEmpty() ? NONE : new RunContributions(byMunicipality);
    }

    /**
     * Marks the contributions billed by their invoices, in the transaction that writes those invoices: each must still
     * be unbilled and the run's, else the transaction fails (and with it the unit) rather than bill one twice.
     */
    static void markBilled(Connection c, UUID runId, Map<UUID, UUID> invoiceByContribution) throws SQLException {
        if (invoiceByContribution.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("update scaling_contribution set invoice_id = ?, billed_at = now() "
                + "where id = ? and run_id = ? and invoice_id is null")) {
            List<UUID> order = new ArrayList<>(invoiceByContribution.keySet());
            for (UUID contribution : order) {
                s.setObject(1, invoiceByContribution.get(contribution));
                s.setObject(2, contribution);
                s.setObject(3, runId);
                s.addBatch();
            }
            int[] updated = s.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] != 1) {
                    throw new IllegalStateException("contribution " + order.get(i) + " is billed already or not run "
                            + runId + "'s; the unit is not written");
                }
            }
        }
    }
}

package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.billing.pricing.LineKind;
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

/** The corrections a run recorded with its inputs, per municipality number, as the run's batches issue them. */
final class RunCorrections {

    /** One recorded correction; {@code amount} > 0 is a catch-up line, < 0 a credit-note line. */
    record Row(String licenseId, long contractId, BillingPeriod period, LineKind kind, BigDecimal amount,
            Integer billableDays, int periodDays, UUID correctsInvoice, String correctsInvoiceNumber,
            Integer correctsLineNo) {

        boolean catchUp() {
            return amount.signum() > 0;
        }

        /** The line that issues it (always the positive amount), with the contract's terms. */
        DraftLine line(ContractTerms terms) {
            return new DraftLine(licenseId, kind, terms.price().model(),
                    billableDays == null ? null : new BillableDays(billableDays, periodDays), amount.abs(),
                    terms.vatCategory(), terms.vatRate(), terms.vatExemptionReason(), period);
        }
    }

    private static final RunCorrections NONE = new RunCorrections(Map.of());

    private final Map<Integer, List<Row>> byMunicipality;

    private RunCorrections(Map<Integer, List<Row>> byMunicipality) {
        this.byMunicipality = byMunicipality;
    }

    List<Row> of(int municipality) {
        return byMunicipality.getOrDefault(municipality, List.of());
    }

    int[] municipalities() {
        return byMunicipality.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    static RunCorrections load(Connection c, UUID runId, RunInputs inputs) throws SQLException {
        Map<Integer, List<Row>> byMunicipality = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select r.adopter_ags, r.license_id, r.contract_id, r.period, r.kind, r.amount, r.billable_days,
                    r.period_days, r.corrects_invoice, i.number, r.corrects_line_no
                from billing_run_correction r left join invoice i on i.id = r.corrects_invoice
                where r.run_id = ?
                order by r.adopter_ags, r.period, r.license_id, case r.kind when 'USAGE' then 0 else 1 end""")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int municipality = inputs.municipality(rs.getString(1));
                    if (municipality < 0) {
                        // The planner only corrects municipalities of the directory the same transaction copied.
                        throw new IllegalStateException("correction for " + rs.getString(1) + " outside the run's directory");
                    }
                    byMunicipality.computeIfAbsent(municipality, m -> new ArrayList<>()).add(new Row(
                            rs.getObject(2, UUID.class).toString(), rs.getLong(3), BillingPeriod.parse(rs.getString(4)),
                            LineKind.valueOf(rs.getString(5)), rs.getBigDecimal(6), (Integer) rs.getObject(7, Integer.class),
                            rs.getInt(8), rs.getObject(9, UUID.class), rs.getString(10),
                            (Integer) rs.getObject(11, Integer.class)));
                }
            }
        }
        return byMunicipality.isEmpty() ? NONE : new RunCorrections(byMunicipality);
    }
}

package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.Jdbc.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A run's inputs, fixed once. The first execution copies, in one transaction, the directory (inhabitants,
 * buyer data), the licences billable in the period and their suspensions in it into the run's snapshot
 * tables ({@code billing_run_municipality}, {@code billing_run_license}, {@code billing_run_suspension}),
 * records the corrections of earlier periods ({@link CorrectionPlanner}) and makes the pending scaling-round
 * contributions the run's ({@link RunContributions#assign}); every later execution reads that
 * snapshot back. Either way the engine prices the same {@link RunInputs}, whatever billing learnt since.
 */
final class RunSnapshot {

    private static final Logger LOG = Logger.getLogger(RunSnapshot.class);
    private static final String LICENSE_COLUMNS = "license_id, contract_id, adopter_ags, activated_on, ends_on";

    private final ObjectMapper json;
    private final CorrectionPlanner corrections;

    RunSnapshot(ObjectMapper json, CorrectionPlanner corrections) {
        this.json = json;
        this.corrections = corrections;
    }

    /**
     * Fixes the run's inputs in the caller's transaction (the caller commits, with the run's work units),
     * reading them on the way, into partitions of the run's own ({@link SnapshotPartitions}): the licences are inserted into the
     * snapshot by a {@code COPY (INSERT ... RETURNING ...)}, which hands the inserted rows straight to
     * {@link RunInputs}, so the first execution does not read its snapshot back.
     */
    RunInputs take(Connection c, RunRecord run) throws SQLException {
        long began = System.nanoTime();
        LocalDate first = run.period().firstDay();
        LocalDate last = run.period().lastDay();
        // Licences billable in the period: activated by its last day, not ended before its first.
        SnapshotPartitions.create(c, run.id(), run.period());
        String billable = "l.activated_on <= '" + last + "' and (l.ends_on is null or l.ends_on >= '" + first + "')";
        // The whole directory as billing knows it now; a few thousand rows, cheaper than finding the adopters.
        update(c, """
                insert into billing_run_municipality (run_id, ags, name, inhabitants, leitweg_id, street, postal_code,
                    city, country_code, contact_email)
                select ?, ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code, contact_email
                from municipality""", run.id());
        update(c, "insert into billing_run_suspension (run_id, license_id, suspended_on, resumed_on) "
                + "select ?, s.license_id, s.suspended_on, s.resumed_on from license_suspension s "
                + "join license l on l.license_id = s.license_id where " + billable
                + " and s.suspended_on <= ? and (s.resumed_on is null or s.resumed_on > ?)", run.id(), last, first);
        RunInputs inputs = RunInputs.load(c, run.id(), json, "insert into billing_run_license (run_id, "
                + LICENSE_COLUMNS + ") select '" + run.id() + "', l.license_id, l.contract_id, "
                + "l.adopter_ags, l.activated_on, l.ends_on from license l where " + billable
                + " returning " + LICENSE_COLUMNS, estimatedLicenses(c));
        int licenses = inputs.licenseCount() + inputs.licensesWithoutMunicipality();
        int planned = corrections.plan(c, run.id(), run.period());
        int contributions = RunContributions.assign(c, run.id());
        run.recordSnapshot(c, licenses, planned);
        LOG.infof("Billing run %s for %s fixed its inputs: %d billable licences, %d municipalities in the directory, "
                + "%d scaling-round contributions to bill (%d ms)", run.id(), run.period(), licenses, inputs.ags.length,
                contributions, (System.nanoTime() - began) / 1_000_000);
        return inputs;
    }

    /** The inputs the run's first execution fixed. */
    RunInputs read(Connection c, UUID runId) throws SQLException {
        return RunInputs.load(c, runId, json, "select " + LICENSE_COLUMNS + " from billing_run_license "
                + "where run_id = '" + runId + "'", licensesTotal(c, runId));
    }

    /** PostgreSQL's estimate of the view's licences (the billable ones are at most that many): sizes the columns. */
    private static long estimatedLicenses(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select greatest(reltuples, 0)::bigint from pg_class where oid = 'license'::regclass");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The billable licences the snapshot holds, as recorded when it was taken. */
    private static long licensesTotal(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select licenses_total from billing_run where id = ?")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}

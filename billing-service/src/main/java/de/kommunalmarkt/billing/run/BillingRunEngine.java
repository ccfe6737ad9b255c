package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.common.outbox.OutboxBatch;
import de.kommunalmarkt.events.BillingRunCompleted;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Bills one period, set-based, on plain JDBC: the service and the benchmark run exactly this code. The engine
 * orders the steps; each has a class of its own.
 *
 * <ol>
 * <li>A run is opened once per period with its issue and due date ({@link RunRecord}, states {@link BillingRunState}).
 * <li>Its first execution fixes the inputs ({@link RunSnapshot}): one {@code INSERT ... SELECT} each copies the
 *     billable licences, their suspensions and the directory (inhabitants, buyer data) into the run's snapshot
 *     tables, and the corrections of earlier periods are planned ({@link CorrectionPlanner}).
 * <li>Every execution reads the snapshot into column arrays with one COPY ({@link RunInputs}), splits each
 *     cost-sharing pool among all its participants ({@link CostShares}), then invoices the municipalities in AGS
 *     order, a batch per transaction ({@link BatchWriter}): invoice numbers from the locked per-year counter,
 *     invoices, lines, VAT groups, credit notes and their outbox rows by COPY, and the run's progress (the last
 *     AGS done). The next batch is priced ({@link BatchPricer}, its line rows formatted) on a second thread while
 *     PostgreSQL writes the current one ({@link BatchPipeline}).
 * <li>A crash loses at most the uncommitted batch, numbers included; the next execution reads the same
 *     snapshot, computes the same shares and goes on after the last AGS done. The unique
 *     (municipality, period, VAT scope) constraint makes a second invoice impossible whatever happens.
 * <li>The last transaction marks the run COMPLETED and writes BillingRunCompleted to the outbox.
 * </ol>
 *
 * A PostgreSQL advisory lock ({@link RunLock}), held by a separate connection for the whole execution, keeps a
 * second instance from executing the same run at the same time.
 */
public final class BillingRunEngine {

    private static final Logger LOG = Logger.getLogger(BillingRunEngine.class);

    /** What the engine is told by configuration. */
    public record Settings(int batchSize, int paymentTermsDays, int correctionWindowMonths,
            OptionalInt failAfterMunicipalities) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (correctionWindowMonths < 0) {
                throw new IllegalArgumentException("correction window must not be negative, got " + correctionWindowMonths);
            }
        }
    }

    /** Hears of committed work, e.g. to count invoices and to wake the outbox relay. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void batchCommitted(UUID runId, int invoices) {
        }

        default void runCompleted(UUID runId, Duration duration, long invoices) {
        }
    }

    /** How an execution ended. */
    public enum Outcome {
        /** This execution issued the remaining invoices and completed the run. */
        COMPLETED,
        /** Nothing to do: the run had been completed before. */
        ALREADY_COMPLETED,
        /** Another execution (on this or another instance) holds the run. */
        BUSY
    }

    /** Thrown by the failure hook of {@link Settings#failAfterMunicipalities()}. */
    public static final class InterruptedRunException extends RuntimeException {
        InterruptedRunException(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Settings settings;
    private final Listener listener;
    private final RunSnapshot snapshot;
    private final BatchWriter writer;

    public BillingRunEngine(DataSource dataSource, ObjectMapper json, Settings settings, Listener listener) {
        this.dataSource = dataSource;
        this.json = json;
        this.settings = settings;
        this.listener = listener;
        this.snapshot = new RunSnapshot(json, new CorrectionPlanner(json, settings.correctionWindowMonths()));
        this.writer = new BatchWriter(json);
    }

    /** The run of the period, created (RUNNING, to be executed) if there is none yet. */
    public UUID open(BillingPeriod period, String triggeredBy, LocalDate issueDate) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return RunRecord.open(c, period, triggeredBy, issueDate, issueDate.plusDays(settings.paymentTermsDays()));
        }
    }

    /** The runs left RUNNING, e.g. by a crashed instance. */
    public List<UUID> unfinishedRuns() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return RunRecord.unfinished(c);
        }
    }

    /** Executes (starts or resumes) the run until it is completed. */
    public Outcome execute(UUID runId) throws SQLException {
        try (RunLock lock = RunLock.tryAcquire(dataSource, runId)) {
            if (lock == null) {
                LOG.infof("Billing run %s is being executed elsewhere", runId);
                return Outcome.BUSY;
            }
            try {
                return executeLocked(runId);
            } catch (SQLException | RuntimeException e) {
                recordError(runId, e);
                throw e;
            }
        }
    }

    private Outcome executeLocked(UUID runId) throws SQLException {
        long began = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                RunRecord run = RunRecord.lock(c, runId);
                if (run.completed()) {
                    c.commit();
                    return Outcome.ALREADY_COMPLETED;
                }
                run.startExecution(c);
                c.commit();
                RunInputs inputs = run.snapshotAt() == null ? snapshot.take(c, run) : snapshot.read(c, runId);
                RunCorrections corrections = RunCorrections.load(c, runId, inputs);
                inputs.alsoBill(corrections.municipalities());
                recordScope(c, run, inputs);
                LOG.infof("Billing run %s for %s: %d licences of %d municipalities, going on after %s (%d ms)", runId,
                        run.period(), inputs.licenseCount(), inputs.billedMunicipalities().length,
                        run.lastDoneAgs() == null ? "the start" : run.lastDoneAgs(), millisSince(began));
                BatchPricer pricer = new BatchPricer(run, inputs, corrections, CostShares.allocate(run.period(), inputs));
                int from = inputs.firstAfter(run.lastDoneAgs());
                BatchPipeline.run(pricer, from, inputs.billedMunicipalities().length, settings.batchSize(),
                        batch -> write(c, run, inputs, batch, batch.to() - from));
                complete(c, run, began);
                return Outcome.COMPLETED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Records what the snapshot holds: municipalities to invoice, licences it cannot bill. */
    private static void recordScope(Connection c, RunRecord run, RunInputs inputs) throws SQLException {
        run.recordScope(c, inputs.billedMunicipalities().length, inputs.licensesWithoutMunicipality());
        c.commit();
        if (inputs.licensesWithoutMunicipality() > 0) {
            LOG.warnf("Billing run %s for %s: %d billable licences belong to municipalities billing does not know "
                    + "(no MunicipalityRegistered yet); they are not invoiced by this run", run.id(), run.period(),
                    inputs.licensesWithoutMunicipality());
        }
    }

    /** One batch in one transaction: its documents, then the run's progress. */
    private void write(Connection c, RunRecord run, RunInputs inputs, PricedBatch batch, int doneInThisExecution)
            throws SQLException {
        BatchWriter.Issued issued = writer.write(c, run, inputs, batch);
        int[] billed = inputs.billedMunicipalities();
        run.recordBatch(c, batch.to(), inputs.ags[billed[batch.to() - 1]], issued);
        OptionalInt failAfter = settings.failAfterMunicipalities();
        if (failAfter.isPresent() && doneInThisExecution > failAfter.getAsInt()) {
            throw new InterruptedRunException("billing run " + run.id() + " interrupted on purpose after "
                    + failAfter.getAsInt() + " municipalities (billing.run.fail-after-municipalities)");
        }
        c.commit();
        listener.batchCommitted(run.id(), issued.invoices());
        LOG.debugf("Billing run %s: %d of %d municipalities done", run.id(), batch.to(), billed.length);
    }

    private void complete(Connection c, RunRecord run, long began) throws SQLException {
        RunRecord.Completion completion = run.complete(c);
        new OutboxBatch(json, 1).add(new BillingRunCompleted(run.id().toString(), run.period().toString(),
                completion.invoices(), completion.startedAt(), completion.completedAt())).writeTo(c);
        c.commit();
        listener.runCompleted(run.id(), completion.duration(), completion.invoices());
        LOG.infof("Billing run %s for %s completed: %d invoices; this execution took %d ms", run.id(), run.period(),
                completion.invoices(), millisSince(began));
    }

    private void recordError(UUID runId, Exception error) {
        LOG.errorf(error, "Billing run %s stopped; it resumes on the next start of the run or of the service", runId);
        try (Connection c = dataSource.getConnection()) {
            RunRecord.recordError(c, runId, String.valueOf(error.getMessage()));
        } catch (SQLException e) {
            LOG.warnf("Could not record the error of billing run %s: %s", runId, e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

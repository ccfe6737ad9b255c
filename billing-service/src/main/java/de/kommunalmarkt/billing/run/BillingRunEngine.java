package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.common.outbox.OutboxBatch;
import de.kommunalmarkt.events.BillingRunCompleted;
import java.sql.Connection;
import java.sql.SQLException;
import java.lang.management.ManagementFactory;
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
 * <li>Its first execution fixes the inputs ({@link RunSnapshot}), holding the run's row lock: one
 *     {@code INSERT ... SELECT} each copies the billable licences, their suspensions and the directory
 *     (inhabitants, buyer data) into the run's own snapshot partitions ({@link SnapshotPartitions}), the
 *     corrections of earlier periods are planned ({@link CorrectionPlanner}), the pending scaling-round
 *     contributions become the run's ({@link RunContributions}) and the municipalities to invoice
 *     are split into work units ({@link WorkUnits}) — all in one transaction. An execution that comes later
 *     (another instance, a resumed run) reads that snapshot.
 * <li>Every execution reads the snapshot into column arrays with one COPY ({@link RunInputs}), splits each
 *     cost-sharing pool among all its participants ({@link CostShares}), then claims units one after the other,
 *     each in the transaction that writes it ({@link BatchWriter}): invoice lines, then numbers from the
 *     locked per-year counter, invoices, VAT groups, credit notes and their outbox rows by COPY, the unit marked
 *     done and the run's totals. The next unit is claimed on a second connection and priced ({@link BatchPricer})
 *     on a second thread while PostgreSQL writes the current one ({@link BatchPipeline}).
 * <li>Several executions (instances) share a run: they claim different units ({@code SKIP LOCKED}). A crash
 *     loses at most the units its open transactions held, numbers included; those units are free again the
 *     moment PostgreSQL ends the dead connection's transaction, and an execution still taking part (or the next
 *     one) writes them from the same snapshot and the same shares. The unique (municipality, period, VAT scope)
 *     constraint makes a second invoice impossible whatever happens.
 * <li>The execution that finds every unit done marks the run COMPLETED and writes BillingRunCompleted to the
 *     outbox, under the run's row lock: once, whichever instance gets there first.
 * </ol>
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
        /** This execution found every unit done and completed the run (it may have shared the work). */
        COMPLETED,
        /** Nothing to do: the run had been completed before. */
        ALREADY_COMPLETED,
        /** This execution took part; another one, on this or another instance, completed the run. */
        COMPLETED_ELSEWHERE
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
    private final String instance;

    public BillingRunEngine(DataSource dataSource, ObjectMapper json, Settings settings, Listener listener) {
        this(dataSource, json, settings, listener, ManagementFactory.getRuntimeMXBean().getName());
    }

    /** @param instance names this engine on the units it writes ({@code billing_run_unit.done_by}) */
    public BillingRunEngine(DataSource dataSource, ObjectMapper json, Settings settings, Listener listener,
            String instance) {
        this.instance = instance;
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

    /**
     * Executes (starts, joins or resumes) the run until every unit is done; the execution that sees the last
     * unit done completes it.
     */
    public Outcome execute(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            c.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                return execute(c, second, runId);
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                rollback(second, e);
                recordError(runId, e);
                throw e;
            }
        }
    }

    private Outcome execute(Connection c, Connection second, UUID runId) throws SQLException {
        long began = System.nanoTime();
        // The run's row lock: one execution fixes the inputs, the others wait for them (not for each other after).
        RunRecord run = RunRecord.lock(c, runId);
        if (run.completed()) {
            c.commit();
            return Outcome.ALREADY_COMPLETED;
        }
        run.startExecution(c);
        RunInputs inputs;
        RunCorrections corrections;
        RunContributions contributions;
        if (run.snapshotAt() == null) {
            inputs = snapshot.take(c, run);
            corrections = RunCorrections.load(c, runId, inputs);
            inputs.alsoBill(corrections.municipalities());
            contributions = RunContributions.load(c, runId, inputs);
            inputs.alsoBill(contributions.municipalities());
            createUnits(c, run, inputs);
            c.commit();
        } else {
            c.commit();
            inputs = snapshot.read(c, runId);
            corrections = RunCorrections.load(c, runId, inputs);
            inputs.alsoBill(corrections.municipalities());
            // all of the run's contributions, billed or not: the same municipalities, so the same unit positions
            contributions = RunContributions.load(c, runId, inputs);
            inputs.alsoBill(contributions.municipalities());
            c.commit();
            if (!WorkUnits.exist(c, runId)) {
                // a run begun before work units existed: units of what follows its last AGS done
                RunRecord.lock(c, runId);
                if (!WorkUnits.exist(c, runId)) {
                    createUnits(c, run, inputs);
                }
            }
            c.commit();
        }
        LOG.infof("Billing run %s for %s: %d licences of %d municipalities, %d units open; %s takes part (%d ms)", runId,
                run.period(), inputs.licenseCount(), inputs.billedMunicipalities().length, WorkUnits.open(c, runId),
                instance, millisSince(began));
        c.commit();
        BatchPricer pricer = new BatchPricer(run, inputs, corrections, contributions,
                CostShares.allocate(run.period(), inputs));
        int[] done = {0};
        BatchPipeline.run(runId, pricer, c, second, (connection, unit, batch) -> {
            done[0] += unit.to() - unit.from();
            write(connection, run, inputs, unit, batch, done[0]);
        });
        return complete(c, runId, began, done[0]);
    }

    /** The run's scope and its work units, in the transaction that fixed (or, for an old run, resumed) its inputs. */
    private void createUnits(Connection c, RunRecord run, RunInputs inputs) throws SQLException {
        int billed = inputs.billedMunicipalities().length;
        int units = WorkUnits.create(c, run.id(), inputs.firstAfter(run.lastDoneAgs()), billed, settings.batchSize());
        run.recordScope(c, billed, inputs.licensesWithoutMunicipality());
        LOG.infof("Billing run %s for %s: %d municipalities to invoice in %d units of up to %d", run.id(), run.period(),
                billed, units, settings.batchSize());
        if (inputs.licensesWithoutMunicipality() > 0) {
            LOG.warnf("Billing run %s for %s: %d billable licences belong to municipalities billing does not know "
                    + "(no MunicipalityRegistered yet); they are not invoiced by this run", run.id(), run.period(),
                    inputs.licensesWithoutMunicipality());
        }
    }

    /** One unit in one transaction: its documents, the unit done, the run's totals. */
    private void write(Connection c, RunRecord run, RunInputs inputs, WorkUnits.Unit unit, PricedBatch batch,
            int doneInThisExecution) throws SQLException {
        BatchWriter.Issued issued = writer.write(c, run, inputs, batch);
        WorkUnits.markDone(c, run.id(), unit.unitNo(), instance);
        run.recordBatch(c, unit.to() - unit.from(), issued);
        OptionalInt failAfter = settings.failAfterMunicipalities();
        if (failAfter.isPresent() && doneInThisExecution > failAfter.getAsInt()) {
            throw new InterruptedRunException("billing run " + run.id() + " interrupted on purpose after "
                    + failAfter.getAsInt() + " municipalities (billing.run.fail-after-municipalities)");
        }
        c.commit();
        listener.batchCommitted(run.id(), issued.invoices());
        LOG.debugf("Billing run %s: unit %d (%d municipalities) written by %s", run.id(), unit.unitNo(),
                unit.to() - unit.from(), instance);
    }

    /** Completes the run unless another execution did: under its row lock, once every unit is done. */
    private Outcome complete(Connection c, UUID runId, long began, int municipalities) throws SQLException {
        RunRecord run = RunRecord.lock(c, runId);
        if (run.completed()) {
            c.commit();
            LOG.infof("Billing run %s for %s: %s invoiced %d municipalities; another execution completed the run", runId,
                    run.period(), instance, municipalities);
            return Outcome.COMPLETED_ELSEWHERE;
        }
        int open = WorkUnits.open(c, runId);
        if (open > 0) {
            throw new IllegalStateException("billing run " + runId + " still has " + open + " open units");
        }
        RunRecord.Completion completion = run.complete(c);
        new OutboxBatch(json, 1).add(new BillingRunCompleted(run.id().toString(), run.period().toString(),
                completion.invoices(), completion.startedAt(), completion.completedAt())).writeTo(c);
        c.commit();
        listener.runCompleted(run.id(), completion.duration(), completion.invoices());
        LOG.infof("Billing run %s for %s completed: %d invoices; this execution (%s, %d municipalities) took %d ms",
                run.id(), run.period(), completion.invoices(), instance, municipalities, millisSince(began));
        return Outcome.COMPLETED;
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
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

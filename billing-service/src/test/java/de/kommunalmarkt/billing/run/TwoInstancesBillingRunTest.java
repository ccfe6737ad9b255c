package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.EngineDatabases.consecutive;
import static de.kommunalmarkt.billing.run.EngineDatabases.engine;
import static de.kommunalmarkt.billing.run.EngineDatabases.invoices;
import static de.kommunalmarkt.billing.run.EngineDatabases.numbers;
import static de.kommunalmarkt.billing.run.EngineDatabases.open;
import static de.kommunalmarkt.billing.run.EngineDatabases.outboxRows;
import static de.kommunalmarkt.billing.run.EngineDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.BillingRunCompleted;
import de.kommunalmarkt.events.InvoiceIssued;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One run shared by two billing instances — two engines, each with its own connections, executing at the same
 * time against the same PostgreSQL — issues exactly what a single instance issues from the same data: the same
 * invoices, lines, amounts and VAT, numbers gap-free in the one sequence of the year, the run completed once. And
 * when an instance dies holding a unit, the others take it over once PostgreSQL has ended its connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesBillingRunTest {

    private static final BillingPeriod PERIOD = BillingPeriod.of(2026, 10);
    private static final int BATCH = 8;

    private EmbeddedPostgresServer postgres;
    private DataSource single;
    private List<String> singleInvoices;
    private final ExecutorService instances = Executors.newFixedThreadPool(2);

    @BeforeAll
    void billOnce() throws Exception {
        postgres = EmbeddedPostgresServer.start(null, 0, List.of("single", "parallel", "takeover"));
        single = EngineDatabases.seeded(postgres, "single");
        BillingRunEngine engine = engine(single, BATCH, 12, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "single");
        assertThat(engine.execute(open(engine, PERIOD))).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
        singleInvoices = invoices(single, PERIOD);
        assertThat(singleInvoices).hasSizeGreaterThan(EngineDatabases.MUNICIPALITIES / 2);
    }

    @AfterAll
    void stop() throws Exception {
        instances.shutdownNow();
        postgres.close();
    }

    @Test
    void twoInstancesShareTheRunAndIssueWhatOneIssues() throws Exception {
        DataSource db = EngineDatabases.seeded(postgres, "parallel");
        // Each instance, after its first unit, waits (at most 30 s) until the other has written one too: both
        // certainly take part, however the scheduler favours one thread on a loaded machine.
        CountDownLatch bothWrote = new CountDownLatch(2);
        BillingRunEngine.Listener meetOnce = new BillingRunEngine.Listener() {
            private final ThreadLocal<Boolean> met = ThreadLocal.withInitial(() -> false);

            @Override
            public void batchCommitted(UUID runId, int invoices) {
                if (!met.get()) {
                    met.set(true);
                    bothWrote.countDown();
                    try {
                        bothWrote.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        BillingRunEngine first = engine(db, BATCH, 12, OptionalInt.empty(), meetOnce, "instance-a");
        BillingRunEngine second = engine(db, BATCH, 12, OptionalInt.empty(), meetOnce, "instance-b");
        UUID runId = open(first, PERIOD);
        assertThat(open(second, PERIOD)).isEqualTo(runId);

        Future<BillingRunEngine.Outcome> a = instances.submit(() -> first.execute(runId));
        Future<BillingRunEngine.Outcome> b = instances.submit(() -> second.execute(runId));
        List<BillingRunEngine.Outcome> outcomes = List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));

        assertThat(outcomes).containsExactlyInAnyOrder(BillingRunEngine.Outcome.COMPLETED,
                BillingRunEngine.Outcome.COMPLETED_ELSEWHERE);
        assertThat(strings(db, "select done_by || ':' || (count(*) > 0) from billing_run_unit where run_id = ? group by done_by "
                + "order by done_by", runId)).containsExactly("instance-a:true", "instance-b:true");
        assertThat(strings(db, "select count(*)::text from billing_run_unit where run_id = ? and done_at is null", runId))
                .containsExactly("0");
        assertSameAsSingleInstance(db, runId);
    }

    @Test
    void aUnitClaimedByACrashedInstanceIsTakenOverWhenItsConnectionEnds() throws Exception {
        DataSource db = EngineDatabases.seeded(postgres, "takeover");
        // An instance that fails in the middle of its first unit: the unit is rolled back, the units stay open.
        BillingRunEngine failing = engine(db, BATCH, 12, OptionalInt.of(0), BillingRunEngine.Listener.NONE, "failing");
        UUID runId = open(failing, PERIOD);
        assertThatThrownBy(() -> failing.execute(runId)).isInstanceOf(BillingRunEngine.InterruptedRunException.class);
        assertThat(strings(db, "select count(*)::text from invoice")).containsExactly("0");
        int units = Integer.parseInt(strings(db, "select count(*)::text from billing_run_unit where run_id = ? "
                + "and done_at is null", runId).get(0));
        assertThat(units).isGreaterThan(10);

        // A "crashed" instance: its connection holds the claim of unit 0 in an open transaction, as an instance
        // killed while writing that unit leaves it until PostgreSQL notices the connection is gone.
        Connection crashed = db.getConnection();
        crashed.setAutoCommit(false);
        int crashedPid;
        try (PreparedStatement s = crashed.prepareStatement("select unit_no, pg_backend_pid() from billing_run_unit "
                + "where run_id = ? and done_at is null order by unit_no limit 1 for update")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
                crashedPid = rs.getInt(2);
            }
        }

        BillingRunEngine b = engine(db, BATCH, 12, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "instance-b");
        BillingRunEngine c = engine(db, BATCH, 12, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "instance-c");
        Future<BillingRunEngine.Outcome> outcomeB = instances.submit(() -> b.execute(runId));
        Future<BillingRunEngine.Outcome> outcomeC = instances.submit(() -> c.execute(runId));

        // Every other unit gets done; the run cannot complete while unit 0 is claimed.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!strings(db, "select count(*)::text from billing_run_unit where run_id = ? and done_at is null", runId)
                .equals(List.of("1")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        assertThat(strings(db, "select unit_no::text from billing_run_unit where run_id = ? and done_at is null", runId))
                .containsExactly("0");
        assertThat(outcomeB.isDone() || outcomeC.isDone()).isFalse();
        assertThat(strings(db, "select state from billing_run where id = ?", runId)).containsExactly("RUNNING");

        // The crashed instance's connection ends (as after kill -9): its claim ends with it.
        assertThat(strings(db, "select pg_terminate_backend(?)::text", crashedPid)).containsExactly("true");
        List<BillingRunEngine.Outcome> outcomes = List.of(outcomeB.get(2, TimeUnit.MINUTES), outcomeC.get(2, TimeUnit.MINUTES));
        crashed.close();

        assertThat(outcomes).containsExactlyInAnyOrder(BillingRunEngine.Outcome.COMPLETED,
                BillingRunEngine.Outcome.COMPLETED_ELSEWHERE);
        assertThat(strings(db, "select done_by from billing_run_unit where run_id = ? and unit_no = 0", runId))
                .singleElement().isIn("instance-b", "instance-c");
        assertSameAsSingleInstance(db, runId);
    }

    private void assertSameAsSingleInstance(DataSource db, UUID runId) throws Exception {
        assertThat(strings(db, "select state from billing_run where id = ?", runId)).containsExactly("COMPLETED");
        List<String> shared = invoices(db, PERIOD);
        assertThat(shared).isEqualTo(singleInvoices);
        // Numbers: one gap-free sequence of the year (in the order the units committed, not in AGS order).
        assertThat(numbers(db, 2026)).isEqualTo(consecutive(2026, shared.size()));
        assertThat(outboxRows(db, BillingRunCompleted.class)).isEqualTo(1);
        assertThat(outboxRows(db, InvoiceIssued.class)).isEqualTo(shared.size());
        assertThat(strings(db, "select (municipalities_done = municipalities_total and invoices_issued = ?)::text "
                + "from billing_run where id = ?", shared.size(), runId)).containsExactly("true");
        assertThat(strings(db, "select (r.net_total = (select sum(net_total) from invoice where run_id = r.id))::text "
                + "from billing_run r where id = ?", runId)).containsExactly("true");
    }
}

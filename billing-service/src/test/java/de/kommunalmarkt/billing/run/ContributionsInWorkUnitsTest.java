package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.EngineDatabases.consecutive;
import static de.kommunalmarkt.billing.run.EngineDatabases.engine;
import static de.kommunalmarkt.billing.run.EngineDatabases.invoices;
import static de.kommunalmarkt.billing.run.EngineDatabases.numbers;
import static de.kommunalmarkt.billing.run.EngineDatabases.open;
import static de.kommunalmarkt.billing.run.EngineDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.billing.bench.ViewSeeder;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
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
 * Scaling-round contributions in a run split into many work units (README, "Scaling rounds: contributions"): one
 * instance, two instances sharing the run, and an instance that fails mid-run followed by a resumed execution all
 * bill every pending contribution exactly once — on the pledger's invoice of the right VAT scope, an invoice of its
 * own for a pledger without licences — and the same documents; the next period's run (with corrections on) bills none
 * again, and a contribution recorded after a run's snapshot waits for the next run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContributionsInWorkUnitsTest {

    private static final BillingPeriod PERIOD = BillingPeriod.of(2026, 10);
    private static final BillingPeriod NEXT = BillingPeriod.of(2026, 11);
    private static final int BATCH = 8;
    private static final int LICENCES = 3_000;
    // at least the seeder's 400 providers
    private static final int MUNICIPALITIES = 420;
    /** Pledgers without any licence: their invoices carry the contribution alone. */
    private static final List<String> WITHOUT_LICENCES = List.of("05999001", "09999002");
    private static final String EXEMPT = "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)";

    private EmbeddedPostgresServer postgres;
    private DataSource single;
    private List<String> singleInvoices;
    private int contributions;
    private final ExecutorService instances = Executors.newFixedThreadPool(2);

    @BeforeAll
    void billOnce() throws Exception {
        postgres = EmbeddedPostgresServer.start(null, 0, List.of("single", "parallel", "crash"));
        single = seeded("single");
        BillingRunEngine engine = engine(single, BATCH, 12, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "single");
        assertThat(engine.execute(open(engine, PERIOD))).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
        singleInvoices = invoices(single, PERIOD);
        assertBilledOnce(single, PERIOD);
    }

    @AfterAll
    void stop() throws Exception {
        instances.shutdownNow();
        postgres.close();
    }

    @Test
    void oneInstanceBillsEachContributionOnceOnTheRightInvoice() throws Exception {
        // more units than one: the contributions are spread over them
        assertThat(Integer.parseInt(strings(single, "select count(*)::text from billing_run_unit").get(0))).isGreaterThan(10);
        // an O contribution is an invoice of its own (EN 16931 BR-O-11..14), next to the pledger's taxable one
        assertThat(strings(single, """
                select i.vat_scope || ':' || string_agg(distinct l.vat_category, ',' order by l.vat_category) from invoice i
                join invoice_line l on l.invoice_id = i.id where l.contribution_id is not null group by i.vat_scope
                order by 1""")).containsExactly("OUT_OF_SCOPE:O", "TAXABLE:E,S");
        // the pledgers without licences: one invoice each, its one line the contribution
        for (String ags : WITHOUT_LICENCES) {
            assertThat(strings(single, "select i.line_count || '/' || l.kind || '/' || l.net_amount from invoice i "
                    + "join invoice_line l on l.invoice_id = i.id where i.municipality_ags = ?", ags))
                    .containsExactly("1/CONTRIBUTION/" + amountOf(ags));
        }
        assertThat(numbers(single, 2026)).isEqualTo(consecutive(2026, singleInvoices.size()));
    }

    @Test
    void twoInstancesSharingTheRunBillWhatOneBills() throws Exception {
        DataSource db = seeded("parallel");
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
        BillingRunEngine a = engine(db, BATCH, 12, OptionalInt.empty(), meetOnce, "instance-a");
        BillingRunEngine b = engine(db, BATCH, 12, OptionalInt.empty(), meetOnce, "instance-b");
        UUID runId = open(a, PERIOD);
        Future<BillingRunEngine.Outcome> first = instances.submit(() -> a.execute(runId));
        Future<BillingRunEngine.Outcome> second = instances.submit(() -> b.execute(runId));
        assertThat(List.of(first.get(2, TimeUnit.MINUTES), second.get(2, TimeUnit.MINUTES))).containsExactlyInAnyOrder(
                BillingRunEngine.Outcome.COMPLETED, BillingRunEngine.Outcome.COMPLETED_ELSEWHERE);
        assertThat(strings(db, "select distinct done_by from billing_run_unit where run_id = ? order by 1", runId))
                .containsExactly("instance-a", "instance-b");
        assertThat(invoices(db, PERIOD)).isEqualTo(singleInvoices);
        assertBilledOnce(db, PERIOD);
    }

    @Test
    void aRunFailingMidwayAndResumedBillsEachContributionOnceAndTheNextRunsNoneAgain() throws Exception {
        DataSource db = seeded("crash");
        BillingRunEngine failing = engine(db, BATCH, 12, OptionalInt.of(40), BillingRunEngine.Listener.NONE, "failing");
        UUID runId = open(failing, PERIOD);
        assertThatThrownBy(() -> failing.execute(runId)).isInstanceOf(BillingRunEngine.InterruptedRunException.class);
        long billedBefore = Long.parseLong(strings(db, "select count(*)::text from scaling_contribution "
                + "where invoice_id is not null").get(0));
        assertThat(billedBefore).isLessThan(contributions);
        // every contribution is the run's: billed with a unit already written, or waiting for its unit
        assertThat(strings(db, "select count(*)::text from scaling_contribution where run_id = ?", runId))
                .containsExactly(String.valueOf(contributions));

        // recorded after the snapshot: not this run's, the next one's
        String late = strings(db, "select ags from municipality order by ags limit 1").get(0);
        insertContribution(db, "late-round", late, new BigDecimal("123.45"), "S", new BigDecimal("0.19"), null);

        BillingRunEngine resumed = engine(db, BATCH, 12, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "resumed");
        assertThat(resumed.execute(runId)).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
        assertThat(invoices(db, PERIOD)).isEqualTo(singleInvoices);
        assertBilledOnce(db, PERIOD);
        assertThat(strings(db, "select coalesce(run_id::text, 'pending') from scaling_contribution where round_id = 'late-round'"))
                .containsExactly("pending");

        // executing the completed run again, and the next period's run (corrections on): no contribution twice
        assertThat(resumed.execute(runId)).isEqualTo(BillingRunEngine.Outcome.ALREADY_COMPLETED);
        UUID next = open(resumed, NEXT);
        assertThat(resumed.execute(next)).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
        assertThat(strings(db, """
                select l.net_amount || '/' || i.municipality_ags from invoice i join invoice_line l on l.invoice_id = i.id
                where i.period = ? and l.contribution_id is not null""", NEXT.toString()))
                .containsExactly("123.45/" + late);
        assertThat(strings(db, "select count(*)::text from invoice_line where contribution_id is not null"))
                .containsExactly(String.valueOf(contributions + 1));
        assertThat(strings(db, "select count(*)::text from credit_note_line where contribution_id is not null"))
                .containsExactly("0");
        assertThat(strings(db, "select count(*)::text from billing_ledger where license_id is null")).containsExactly("0");
    }

    /** Each contribution on exactly one line of one invoice of the period, the invoice the contribution names, once. */
    private void assertBilledOnce(DataSource db, BillingPeriod period) throws Exception {
        assertThat(strings(db, """
                select count(*)::text from scaling_contribution s
                join invoice i on i.id = s.invoice_id and i.period = ? and i.run_id = s.run_id
                  and i.municipality_ags = s.municipality_ags
                join invoice_line l on l.invoice_id = i.id and l.contribution_id = s.id
                  and l.net_amount = s.amount and l.vat_category = s.vat_category and l.kind = 'CONTRIBUTION'
                  and l.license_id is null and l.contract_id is null
                where s.round_id <> 'late-round'""", period.toString())).containsExactly(String.valueOf(contributions));
        assertThat(strings(db, "select count(*)::text from invoice_line where contribution_id is not null "
                + "and invoice_id in (select id from invoice where period = ?)", period.toString()))
                .containsExactly(String.valueOf(contributions));
    }

    /** The view of EngineDatabases' kind (smaller), two pledgers without licences, and every 25th municipality pledged. */
    private DataSource seeded(String database) throws Exception {
        DataSource db = ViewSeeder.migrated(postgres, database);
        new ViewSeeder(LICENCES, MUNICIPALITIES, EngineDatabases.SEED).seed(db);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into municipality (ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code,
                    contact_email, updated_at, registered_at)
                values (?, ?, 25000, '05315000-KM001-20', 'Markt 1', '12345', 'Irgendwo', 'DE', 'rechnung@example.org', now(),
                    now())""")) {
            for (String ags : WITHOUT_LICENCES) {
                s.setString(1, ags);
                s.setString(2, "Gemeinde " + ags);
                s.executeUpdate();
            }
        }
        List<String> pledgers = strings(db, "select ags from municipality order by ags");
        int count = 0;
        for (int i = 0; i < pledgers.size(); i++) {
            String ags = pledgers.get(i);
            if (WITHOUT_LICENCES.contains(ags)) {
                insertContribution(db, "round-s", ags, amountOf(ags), "S", new BigDecimal("0.19"), null);
                count++;
            } else if (i % 25 == 0) {
                insertContribution(db, "round-s", ags, amountOf(ags), "S", new BigDecimal("0.19"), null);
                count++;
                if (i % 50 == 0) {
                    insertContribution(db, "round-e", ags, new BigDecimal("250.00"), "E", BigDecimal.ZERO, EXEMPT);
                    insertContribution(db, "round-o", ags, new BigDecimal("99.99"), "O", BigDecimal.ZERO,
                            "Nicht steuerbar (hoheitliche Tätigkeit)");
                    count += 2;
                }
            }
        }
        contributions = count;
        return db;
    }

    private static BigDecimal amountOf(String ags) {
        return new BigDecimal(ags.substring(4)).movePointLeft(2).add(new BigDecimal("1000.00"));
    }

    private static void insertContribution(DataSource db, String round, String ags, BigDecimal amount, String category,
            BigDecimal rate, String reason) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into scaling_contribution (id, round_id, municipality_ags, amount, vat_category, vat_rate,
                    vat_exemption_reason, provider_ags, solution_id, solution_name, closed_at, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, '16054000', 'solution-1', 'Bürgerportal', ?, now())""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, round);
            s.setString(3, ags);
            s.setBigDecimal(4, amount);
            s.setString(5, category);
            s.setBigDecimal(6, rate);
            s.setString(7, reason);
            s.setTimestamp(8, Timestamp.from(Instant.parse("2026-10-15T10:00:00Z")));
            s.executeUpdate();
        }
    }
}

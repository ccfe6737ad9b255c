package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.EngineDatabases.creditNotes;
import static de.kommunalmarkt.billing.run.EngineDatabases.engine;
import static de.kommunalmarkt.billing.run.EngineDatabases.invoices;
import static de.kommunalmarkt.billing.run.EngineDatabases.open;
import static de.kommunalmarkt.billing.run.EngineDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Snapshot retention: the snapshot of a completed run outside every correction window is dropped (its partitions
 * gone, its documents untouched), those inside the window are kept, and the corrections of a later run are exactly
 * those of a database where nothing was dropped. A window reaching a dropped snapshot is refused, not priced with
 * today's inhabitants; so is a retention shorter than the window.
 */
class SnapshotRetentionTest {

    private static final BillingPeriod OLD = BillingPeriod.of(2025, 9);
    private static final BillingPeriod SEPTEMBER = BillingPeriod.of(2026, 9);
    private static final BillingPeriod OCTOBER = BillingPeriod.of(2026, 10);
    private static final BillingPeriod NOVEMBER = BillingPeriod.of(2026, 11);
    private static final int WINDOW = 12;
    private static final int KEEP = 13;

    @Test
    void anOldSnapshotIsDroppedOnesInTheWindowAreKeptAndCorrectionsStillWork() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0, List.of("kept", "pruned"))) {
            DataSource kept = EngineDatabases.seeded(postgres, "kept");
            DataSource pruned = EngineDatabases.seeded(postgres, "pruned");
            for (DataSource db : List.of(kept, pruned)) {
                BillingRunEngine engine = engine(db, 50, WINDOW, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "test");
                for (BillingPeriod period : List.of(OLD, SEPTEMBER, OCTOBER)) {
                    assertThat(engine.execute(open(engine, period))).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
                }
            }
            List<String> oldInvoices = invoices(pruned, OLD);
            assertThat(oldInvoices).isNotEmpty();
            long oldBytes;
            try (Connection c = pruned.getConnection()) {
                oldBytes = SnapshotPartitions.bytes(c, OLD);
                assertThat(oldBytes).isPositive();
                // December 2026: 2025-09 lies more than 13 months back; 2025-11 would be the oldest kept.
                assertThat(SnapshotRetention.oldestKept(YearMonth.of(2026, 12), KEEP)).isEqualTo(BillingPeriod.of(2025, 11));
                assertThat(SnapshotRetention.prune(c, YearMonth.of(2026, 12), KEEP)).containsExactly(OLD);
                // a second time: nothing left to drop
                assertThat(SnapshotRetention.prune(c, YearMonth.of(2026, 12), KEEP)).isEmpty();
                assertThat(SnapshotPartitions.bytes(c, OLD)).isZero();
                assertThat(SnapshotPartitions.bytes(c, SEPTEMBER)).isPositive();
                assertThat(SnapshotPartitions.bytes(c, OCTOBER)).isPositive();
            }
            for (String table : SnapshotPartitions.TABLES) {
                assertThat(strings(pruned, "select coalesce(to_regclass(?)::text, 'gone')", SnapshotPartitions.name(table, OLD)))
                        .containsExactly("gone");
                assertThat(strings(pruned, "select count(*)::text from " + table + " where run_id = "
                        + "(select id from billing_run where period = ?)", OLD.toString())).containsExactly("0");
                assertThat(strings(pruned, "select (count(*) > 0)::text from " + table + " where run_id = "
                        + "(select id from billing_run where period = ?)", OCTOBER.toString())).containsExactly("true");
            }
            assertThat(strings(pruned, "select period || ':' || (snapshot_pruned_at is not null) from billing_run order by period"))
                    .containsExactly("2025-09:true", "2026-09:false", "2026-10:false");
            // The documents stay: the old period's invoices as they were.
            assertThat(invoices(pruned, OLD)).isEqualTo(oldInvoices);

            // Late facts, alike in both databases: 40 licences went live only on 2026-09-16, 20 were suspended in
            // October, and the inhabitants of every municipality grew since (re-pricing must use those the runs fixed).
            for (DataSource db : List.of(kept, pruned)) {
                learnLateFacts(db);
                BillingRunEngine engine = engine(db, 50, WINDOW, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "test");
                assertThat(engine.execute(open(engine, NOVEMBER))).isEqualTo(BillingRunEngine.Outcome.COMPLETED);
            }
            List<String> corrected = creditNotes(pruned, NOVEMBER);
            assertThat(corrected).hasSizeGreaterThan(5);
            assertThat(corrected).isEqualTo(creditNotes(kept, NOVEMBER));
            assertThat(invoices(pruned, NOVEMBER)).isEqualTo(invoices(kept, NOVEMBER));
            assertThat(strings(pruned, "select (count(*) > 0)::text from invoice_line where corrects_period is not null"))
                    .containsExactly("true");
            assertThat(strings(pruned, "select corrections_planned::text from billing_run where period = ?", NOVEMBER.toString()))
                    .isEqualTo(strings(kept, "select corrections_planned::text from billing_run where period = ?", NOVEMBER.toString()));

            // A window that reaches the dropped snapshot is refused, loudly.
            BillingRunEngine wide = engine(pruned, 50, 15, OptionalInt.empty(), BillingRunEngine.Listener.NONE, "test");
            BillingPeriod december = BillingPeriod.of(2026, 12);
            assertThatThrownBy(() -> wide.execute(open(wide, december)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("snapshot of the billing run for 2025-09");
            assertThat(strings(pruned, "select count(*)::text from invoice where period = ?", december.toString()))
                    .containsExactly("0");
        }
    }

    @Test
    void aRetentionShorterThanTheWindowNeedsIsRefused() {
        assertThatThrownBy(() -> SnapshotRetention.requireKeepsWindow(12, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing.retention.keep-months");
        SnapshotRetention.requireKeepsWindow(13, 12);
        SnapshotRetention.requireKeepsWindow(1, 0);
    }

    private static void learnLateFacts(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("update license set activated_on = '2026-09-16', facts_changed_at = now() where license_id in ("
                    + "select license_id from license where activated_on < '2026-09-01' and ends_on is null "
                    + "order by license_id limit 40)");
            s.execute("insert into license_suspension (license_id, suspended_on, resumed_on) select license_id, "
                    + "'2026-10-05', '2026-10-20' from license where activated_on < '2026-09-01' and ends_on is null "
                    + "order by license_id offset 40 limit 20");
            s.execute("update license set facts_changed_at = now() where license_id in (select license_id from license "
                    + "where activated_on < '2026-09-01' and ends_on is null order by license_id offset 40 limit 20)");
            s.execute("update municipality set inhabitants = inhabitants * 3");
        }
    }
}

package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.bench.ViewSeeder;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Databases of one embedded PostgreSQL, each migrated with the service's scripts and seeded with the same view
 * (ViewSeeder, same seed): what a billing run issues in one can be compared row by row with another.
 */
final class EngineDatabases {

    static final int LICENCES = 8_000;
    static final int MUNICIPALITIES = 450;
    static final long SEED = 20261202L;

    private EngineDatabases() {
    }

    static DataSource seeded(EmbeddedPostgresServer postgres, String database) throws Exception {
        DataSource dataSource = ViewSeeder.migrated(postgres, database);
        new ViewSeeder(LICENCES, MUNICIPALITIES, SEED).seed(dataSource);
        return dataSource;
    }

    static BillingRunEngine engine(DataSource dataSource, int batchSize, int windowMonths, OptionalInt failAfter,
            BillingRunEngine.Listener listener, String instance) {
        return new BillingRunEngine(dataSource, ViewSeeder.objectMapper(),
                new BillingRunEngine.Settings(batchSize, 30, windowMonths, failAfter), listener, instance);
    }

    /** Opens the period's run as the schedule would (issued the day after the period). */
    static java.util.UUID open(BillingRunEngine engine, BillingPeriod period) throws SQLException {
        return engine.open(period, "test", period.lastDay().plusDays(1));
    }

    /**
     * The period's invoices without what may differ between two databases (ids, numbers): per municipality and
     * VAT scope the totals, buyer, dates, every line and VAT group.
     */
    static List<String> invoices(DataSource dataSource, BillingPeriod period) throws SQLException {
        return strings(dataSource, """
                select concat_ws(' / ', i.municipality_ags, i.vat_scope, i.net_total, i.vat_total, i.gross_total,
                    i.line_count, i.issue_date, i.due_date, i.buyer_name, i.leitweg_id,
                    (select string_agg(concat_ws('|', l.line_no, l.license_id, l.contract_id, l.kind, l.billable_days,
                        l.period_days, l.net_amount, l.vat_category, l.vat_rate, l.corrects_period), ';' order by l.line_no)
                     from invoice_line l where l.invoice_id = i.id),
                    (select string_agg(concat_ws('|', v.group_no, v.vat_category, v.vat_rate, v.exemption_reason,
                        v.net_amount, v.vat_amount), ';' order by v.group_no) from invoice_vat v where v.invoice_id = i.id))
                from invoice i where i.period = ? order by i.municipality_ags, i.vat_scope""", period.toString());
    }

    /** The credit notes a run of {@code period} issued, without ids and numbers. */
    static List<String> creditNotes(DataSource dataSource, BillingPeriod period) throws SQLException {
        return strings(dataSource, """
                select concat_ws(' / ', n.municipality_ags, i.period, i.vat_scope, n.net_total, n.vat_total, n.gross_total,
                    (select string_agg(concat_ws('|', l.line_no, l.license_id, l.kind, l.period, l.billable_days,
                        l.net_amount, l.vat_category), ';' order by l.line_no)
                     from credit_note_line l where l.credit_note_id = n.id))
                from credit_note n join invoice i on i.id = n.invoice_id join billing_run r on r.id = n.run_id
                where r.period = ? order by 1""", period.toString());
    }

    /** Every invoice and credit-note number of the year, in order. */
    static List<String> numbers(DataSource dataSource, int year) throws SQLException {
        return strings(dataSource, "select number from (select number from invoice union all select number from credit_note) d "
                + "where number like ? order by number", "KM-" + year + "-%");
    }

    /** How many outbox rows of the event type there are. */
    static long outboxRows(DataSource dataSource, Class<?> eventType) throws SQLException {
        return Long.parseLong(strings(dataSource, "select count(*)::text from outbox_event where event_type = ?",
                EventType.of(eventType).typeName()).get(0));
    }

    static List<String> strings(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** KM-year-000001 .. KM-year-count. */
    static List<String> consecutive(int year, int count) {
        List<String> numbers = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            numbers.add(InvoiceNumbers.format(year, n));
        }
        return numbers;
    }
}

package de.kommunalmarkt.billing.balance;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Credit balances on plain JDBC, so the billing run's batch transaction and the REST services share one
 * implementation. A municipality's balance is what its invoices were paid beyond their gross (payments,
 * credit notes and offsets against them; the {@code invoice_settlement} view) less what offsets and refunds
 * used ({@code credit_balance_use}). It is computed from the documents, so it cannot get lost; whoever uses
 * it holds the municipality's advisory lock for the rest of the transaction, so two uses never spend the
 * same money, and an invoice takes at most one offset (unique {@code invoice_id}).
 */
public final class CreditBalances {

    /** First key of the two-key advisory locks of credit balances ("KMCB"); the second is the AGS. */
    private static final int LOCK_CLASS = 0x4B4D4342;

    private static final String EXCESSES = """
            select s.number, -s.open_amount,
                   (select string_agg(c.number, ', ' order by c.number) from credit_note c where c.invoice_id = s.invoice_id)
            from invoice_settlement s where s.municipality_ags = ? and s.open_amount < 0
            order by s.issue_date, s.number""";
    private static final String USED = "select coalesce(sum(amount), 0) from credit_balance_use where municipality_ags = ?";

    private CreditBalances() {
    }

    /** What a municipality's balance consists of now: the unused part of each invoice's excess, oldest first. */
    static List<CreditSources.Excess> sources(Connection c, String ags) throws SQLException {
        List<CreditSources.Excess> excesses = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(EXCESSES)) {
            s.setString(1, ags);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    excesses.add(new CreditSources.Excess(rs.getString(1), rs.getString(3), rs.getBigDecimal(2)));
                }
            }
        }
        BigDecimal used;
        try (PreparedStatement s = c.prepareStatement(USED)) {
            s.setString(1, ags);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                used = rs.getBigDecimal(1);
            }
        }
        return CreditSources.remaining(excesses, used);
    }

    static BigDecimal balance(List<CreditSources.Excess> sources) {
        return sources.stream().map(CreditSources.Excess::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Holds the municipality's balance until the transaction ends. */
    static void lock(Connection c, String ags) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            s.setInt(1, LOCK_CLASS);
            s.setInt(2, Integer.parseInt(ags));
            s.execute();
        }
    }

    /** Records a use of the balance: an offset against an invoice or a refund. False if the invoice has its offset already. */
    static boolean use(Connection c, String ags, String kind, BigDecimal amount, UUID invoiceId, LocalDate on,
            String reference, String by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into credit_balance_use (id, municipality_ags, kind, amount, invoice_id, used_on, reference,
                    created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (invoice_id) do nothing""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, ags);
            s.setString(3, kind);
            s.setBigDecimal(4, amount);
            s.setObject(5, invoiceId);
            s.setObject(6, on);
            s.setString(7, reference);
            s.setString(8, by);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Offsets each municipality's credit balance against its invoice among {@code invoiceIds} (just written
     * in this transaction by a billing run): the offset is the balance, at most the invoice's open amount,
     * and names the documents the balance came from. An invoice that has its offset already is left alone, so
     * calling this again for the same invoices (a resumed run) offsets nothing twice.
     */
    public static void offsetAgainst(Connection c, List<UUID> invoiceIds) throws SQLException {
        if (invoiceIds.isEmpty()) {
            return;
        }
        record Candidate(UUID invoiceId, String ags, BigDecimal open, LocalDate issueDate) {
        }
        List<Candidate> candidates = new ArrayList<>();
        // Only a municipality with an invoice paid or credited beyond its gross can have a balance; finding them in
        // one statement spares the others a lock and two queries each (once corrections have issued credit notes to
        // most municipalities, that is nearly all of them). A payment committed after this statement is offset by
        // the next run, as one committed after the lock would be.
        try (PreparedStatement s = c.prepareStatement("""
                select s.invoice_id, s.municipality_ags, s.open_amount, s.issue_date from invoice_settlement s
                where s.invoice_id = any (?) and s.open_amount > 0
                  and not exists (select 1 from credit_balance_use u where u.invoice_id = s.invoice_id)
                  and (exists (select 1 from payment p where p.municipality_ags = s.municipality_ags)
                       or exists (select 1 from credit_note n where n.municipality_ags = s.municipality_ags))
                  and exists (select 1 from invoice_settlement x where x.municipality_ags = s.municipality_ags
                              and x.open_amount < 0)
                order by s.municipality_ags, s.number""")) {
            Array ids = c.createArrayOf("uuid", invoiceIds.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3),
                            rs.getObject(4, LocalDate.class)));
                }
            }
        }
        // in AGS order, so two transactions taking several municipalities' locks cannot deadlock
        for (Candidate candidate : candidates) {
            lock(c, candidate.ags());
            List<CreditSources.Excess> sources = sources(c, candidate.ags());
            BigDecimal balance = balance(sources);
            if (balance.signum() > 0) {
                BigDecimal amount = balance.min(candidate.open());
                use(c, candidate.ags(), "OFFSET", amount, candidate.invoiceId(), candidate.issueDate(),
                        CreditSources.describe(CreditSources.covering(sources, amount)), "billing-run");
            }
        }
    }
}

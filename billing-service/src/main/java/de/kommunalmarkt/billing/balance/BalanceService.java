package de.kommunalmarkt.billing.balance;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.Problem;
import de.kommunalmarkt.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.Session;

/** Shows credit balances and records refunds, on {@link CreditBalances} within the request's transaction. */
@ApplicationScoped
public class BalanceService {

    private static final String CURRENCY = "EUR";

    private final EntityManager em;
    private final Clock clock;

    public BalanceService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public BalanceView of(String ags) {
        return jdbc(c -> view(c, ags));
    }

    /** Every municipality with a positive balance, by AGS. */
    @Transactional
    public PageResult<BalanceView> positive(PageParams page) {
        return jdbc(c -> {
            List<String> municipalities = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    with excess as (select municipality_ags, sum(-open_amount) as amount from invoice_settlement
                                    where open_amount < 0 group by municipality_ags),
                         used as (select municipality_ags, sum(amount) as amount from credit_balance_use
                                  group by municipality_ags)
                    select e.municipality_ags from excess e left join used u on u.municipality_ags = e.municipality_ags
                    where e.amount - coalesce(u.amount, 0) > 0 order by 1""");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    municipalities.add(rs.getString(1));
                }
            }
            List<BalanceView> items = new ArrayList<>();
            for (String ags : municipalities.subList(Math.min(page.offset(), municipalities.size()),
                    Math.min(page.offset() + page.size, municipalities.size()))) {
                items.add(view(c, ags));
            }
            return PageResult.of(items, page, municipalities.size());
        });
    }

    /** Pays back (part of) the balance; 422 when it is more than the balance. */
    @Transactional
    public BalanceView refund(String ags, RefundRequest request, String by) {
        LocalDate today = LocalDate.now(clock);
        if (request.refundedOn().isAfter(today)) {
            throw ProblemException.badRequest("refundedOn", "must not be in the future (today is " + today + ")");
        }
        return jdbc(c -> {
            CreditBalances.lock(c, ags);
            BigDecimal balance = CreditBalances.balance(CreditBalances.sources(c, ags));
            if (request.amount().compareTo(balance) > 0) {
                String message = "must not be more than the credit balance of " + balance.setScale(2) + " EUR";
                throw ProblemException.unprocessable("The refund of " + request.amount() + " EUR is more than the credit "
                        + "balance of municipality " + ags + " (" + balance.setScale(2) + " EUR)",
                        List.of(new Problem.Violation("amount", message)));
            }
            CreditBalances.use(c, ags, "REFUND", request.amount().setScale(2), null, request.refundedOn(),
                    request.reference().strip(), by);
            return view(c, ags);
        });
    }

    private BalanceView view(Connection c, String ags) throws SQLException {
        List<BalanceView.Movement> movements = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select greatest((select max(p.paid_on) from payment p where p.invoice_id = s.invoice_id),
                                (select max(n.issue_date) from credit_note n where n.invoice_id = s.invoice_id),
                                s.issue_date),
                       -s.open_amount, s.number,
                       (select string_agg(n.number, ', ' order by n.number) from credit_note n where n.invoice_id = s.invoice_id)
                from invoice_settlement s where s.municipality_ags = ? and s.open_amount < 0 order by s.issue_date, s.number""")) {
            s.setString(1, ags);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String creditNotes = rs.getString(4);
                    movements.add(new BalanceView.Movement(rs.getObject(1, LocalDate.class),
                            creditNotes == null ? "OVERPAYMENT" : "CREDIT_NOTE", rs.getBigDecimal(2), rs.getString(3),
                            creditNotes, null));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                select u.used_on, u.kind, -u.amount, i.number, u.reference from credit_balance_use u
                left join invoice i on i.id = u.invoice_id where u.municipality_ags = ? order by u.created_at""")) {
            s.setString(1, ags);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    movements.add(new BalanceView.Movement(rs.getObject(1, LocalDate.class), rs.getString(2),
                            rs.getBigDecimal(3), rs.getString(4), null, rs.getString(5)));
                }
            }
        }
        // by date; on the same day money in before money out (the sort is stable)
        movements.sort(Comparator.comparing(BalanceView.Movement::on));
        BigDecimal balance = movements.stream().map(BalanceView.Movement::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BalanceView(ags, balance.setScale(2), CURRENCY, movements);
    }

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** Runs JDBC work on the connection of the current transaction. */
    private <T> T jdbc(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::on);
    }
}

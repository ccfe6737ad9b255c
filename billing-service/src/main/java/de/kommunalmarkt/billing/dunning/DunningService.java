package de.kommunalmarkt.billing.dunning;

import de.kommunalmarkt.billing.BillingConfig;
import de.kommunalmarkt.common.outbox.Outbox;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.events.InvoiceOverdue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Raises dunning levels for invoices still open after their due date and lists the overdue invoices.
 *
 * <p>Each level is raised at most once per invoice (primary key of {@code dunning_notice}). When days were
 * missed (the job did not run, or an invoice was already far overdue when it first looked), only the
 * highest level due is raised, and the levels it skipped are not raised afterwards: the municipality
 * receives one letter that says where it stands, not a reminder and two notices on the same day.
 */
@ApplicationScoped
public class DunningService {

    private static final Logger LOG = Logger.getLogger(DunningService.class);
    /** Key of the transaction-scoped advisory lock that lets one instance at a time raise levels ("KMDN"). */
    private static final long JOB_LOCK = 0x4B4D444EL;

    private final EntityManager em;
    private final Outbox outbox;
    private final DunningLevel.Thresholds thresholds;

    public DunningService(EntityManager em, Outbox outbox, BillingConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.thresholds = DunningLevel.Thresholds.of(config.dunning());
    }

    /**
     * Raises the levels due {@code today}; returns how many. Another instance doing the same right now makes
     * this one return 0 at once (and the primary key would refuse a level twice anyway).
     */
    @Transactional
    public int raise(LocalDate today) {
        boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                .setParameter("key", JOB_LOCK).getSingleResult();
        if (!locked) {
            LOG.info("Dunning levels are being raised by another instance");
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = em.createNativeQuery("""
                select s.invoice_id, s.number, s.municipality_ags, s.due_date, s.open_amount,
                       coalesce((select max(d.level_rank) from dunning_notice d where d.invoice_id = s.invoice_id), 0)
                from invoice_settlement s where s.due_date <= :latestDue and s.open_amount > 0
                order by s.due_date, s.number""")
                .setParameter("latestDue", today.minusDays(thresholds.reminder())).getResultList();
        int raised = 0;
        for (Object[] row : overdue) {
            LocalDate dueDate = (LocalDate) row[3];
            int daysOverdue = (int) ChronoUnit.DAYS.between(dueDate, today);
            DunningLevel level = thresholds.due(daysOverdue).orElseThrow();
            if (level.rank() <= ((Number) row[5]).intValue()) {
                continue;
            }
            UUID invoiceId = (UUID) row[0];
            BigDecimal open = (BigDecimal) row[4];
            em.createNativeQuery("""
                    insert into dunning_notice (invoice_id, level, level_rank, raised_on, days_overdue, open_amount, raised_at)
                    values (:invoice, :level, :rank, :today, :days, :open, :at)""")
                    .setParameter("invoice", invoiceId).setParameter("level", level.name())
                    .setParameter("rank", level.rank()).setParameter("today", today).setParameter("days", daysOverdue)
                    .setParameter("open", open).setParameter("at", Instant.now()).executeUpdate();
            outbox.publish(new InvoiceOverdue(invoiceId.toString(), (String) row[1], (String) row[2], level.name(), dueDate,
                    daysOverdue, open));
            raised++;
        }
        LOG.infof("Dunning on %s: %d invoices overdue by %d days or more, %d levels raised", today, overdue.size(),
                thresholds.reminder(), raised);
        return raised;
    }

    /**
     * Invoices still open after their due date, longest overdue first, with the highest level raised (null
     * before the first); only those at {@code level} if given.
     */
    public PageResult<OverdueInvoiceView> overdue(LocalDate today, DunningLevel level, PageParams page) {
        String from = """
                from invoice_settlement s
                left join lateral (select d.level from dunning_notice d where d.invoice_id = s.invoice_id
                                   order by d.level_rank desc limit 1) d on true
                where s.due_date < :today and s.open_amount > 0""" + (level == null ? "" : " and d.level = :level");
        var items = em.createNativeQuery("select s.invoice_id, s.number, s.municipality_ags, s.due_date, s.open_amount, "
                + "d.level " + from + " order by s.due_date, s.number")
                .setParameter("today", today);
        var count = em.createNativeQuery("select count(*) " + from).setParameter("today", today);
        if (level != null) {
            items.setParameter("level", level.name());
            count.setParameter("level", level.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = items.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<OverdueInvoiceView> views = rows.stream().map(row -> {
            LocalDate dueDate = (LocalDate) row[3];
            return new OverdueInvoiceView((UUID) row[0], (String) row[1], (String) row[2], dueDate,
                    ChronoUnit.DAYS.between(dueDate, today), (BigDecimal) row[4],
                    row[5] == null ? null : DunningLevel.valueOf((String) row[5]));
        }).toList();
        return PageResult.of(views, page, ((Number) count.getSingleResult()).longValue());
    }
}

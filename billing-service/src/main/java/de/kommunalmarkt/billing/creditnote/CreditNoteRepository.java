package de.kommunalmarkt.billing.creditnote;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class CreditNoteRepository implements PanacheRepositoryBase<CreditNote, UUID> {

    /**
     * Credit notes correcting invoices of a period and/or of a municipality (either may be null), newest first.
     */
    public PanacheQuery<CreditNote> matching(String period, String municipalityAgs) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (period != null) {
            query.append(" and invoiceId in (select i.id from Invoice i where i.period = :period)");
            parameters.and("period", period);
        }
        if (municipalityAgs != null) {
            query.append(" and municipalityAgs = :ags");
            parameters.and("ags", municipalityAgs);
        }
        return find(query.toString(), Sort.descending("issueDate").and("number", Sort.Direction.Descending), parameters);
    }

    public List<CreditNoteLine> lines(UUID creditNoteId) {
        return getEntityManager().createQuery("from CreditNoteLine where creditNoteId = :id order by lineNo",
                CreditNoteLine.class).setParameter("id", creditNoteId).getResultList();
    }

    public List<CreditNoteVat> vatGroups(UUID creditNoteId) {
        return getEntityManager().createQuery("from CreditNoteVat where creditNoteId = :id order by groupNo",
                CreditNoteVat.class).setParameter("id", creditNoteId).getResultList();
    }

    /** Per line of the invoice, what credit notes have credited of it so far. */
    public Map<Short, BigDecimal> creditedPerLine(UUID invoiceId) {
        return getEntityManager().createQuery("""
                select l.invoiceLineNo, sum(l.netAmount) from CreditNoteLine l, CreditNote n
                where n.id = l.creditNoteId and n.invoiceId = :invoice and l.invoiceLineNo is not null
                group by l.invoiceLineNo""", Object[].class)
                .setParameter("invoice", invoiceId).getResultList().stream()
                .collect(Collectors.toMap(row -> (Short) row[0], row -> (BigDecimal) row[1]));
    }
}

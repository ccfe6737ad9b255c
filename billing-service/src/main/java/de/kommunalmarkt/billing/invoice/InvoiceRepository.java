package de.kommunalmarkt.billing.invoice;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

    /** Invoices of a period and/or municipality (either may be null), newest period first, then by number. */
    public PanacheQuery<Invoice> matching(String period, String municipalityAgs) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (period != null) {
            query.append(" and period = :period");
            parameters.and("period", period);
        }
        if (municipalityAgs != null) {
            query.append(" and municipalityAgs = :ags");
            parameters.and("ags", municipalityAgs);
        }
        return find(query.toString(), Sort.descending("period").and("number"), parameters);
    }

    public List<InvoiceLine> lines(UUID invoiceId) {
        return getEntityManager().createQuery("from InvoiceLine where invoiceId = :id order by lineNo", InvoiceLine.class)
                .setParameter("id", invoiceId).getResultList();
    }

    public List<InvoiceVat> vatGroups(UUID invoiceId) {
        return getEntityManager().createQuery("from InvoiceVat where invoiceId = :id order by groupNo", InvoiceVat.class)
                .setParameter("id", invoiceId).getResultList();
    }
}

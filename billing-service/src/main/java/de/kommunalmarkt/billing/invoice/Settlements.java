package de.kommunalmarkt.billing.invoice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads invoices' settlements from the {@code invoice_settlement} view (V4). */
@ApplicationScoped
public class Settlements {

    /** An invoice's offset from the credit balance, with the documents the balance came from (BT-113). */
    public record CreditOffset(BigDecimal amount, String reference) {
    }

    private final EntityManager em;

    public Settlements(EntityManager em) {
        this.em = em;
    }

    public Settlement of(UUID invoiceId) {
        return of(List.of(invoiceId)).get(invoiceId);
    }

    /** The settlements of the given invoices, by id. */
    public Map<UUID, Settlement> of(Collection<UUID> invoiceIds) {
        Map<UUID, Settlement> settlements = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return settlements;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select invoice_id, gross_total, paid, credited, offset_amount "
                + "from invoice_settlement where invoice_id in (:ids)")
                .setParameter("ids", invoiceIds).getResultList();
        for (Object[] row : rows) {
            settlements.put((UUID) row[0], new Settlement((BigDecimal) row[1], (BigDecimal) row[2], (BigDecimal) row[3],
                    (BigDecimal) row[4]));
        }
        return settlements;
    }

    public Optional<CreditOffset> creditOffset(UUID invoiceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select amount, reference from credit_balance_use "
                + "where invoice_id = :id and kind = 'OFFSET'").setParameter("id", invoiceId).getResultList();
        return rows.stream().findFirst().map(row -> new CreditOffset((BigDecimal) row[0], (String) row[1]));
    }
}

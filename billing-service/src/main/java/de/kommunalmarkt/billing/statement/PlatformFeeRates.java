package de.kommunalmarkt.billing.statement;

import de.kommunalmarkt.billing.BillingConfig;
import de.kommunalmarkt.events.BillingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The platform fee rate a period is billed with: fixed with the period's run when the run is opened, so a
 * later change of {@code billing.platform-fee-rate} does not rewrite past provider statements.
 */
@ApplicationScoped
public class PlatformFeeRates {

    private final EntityManager em;
    private final BigDecimal configured;

    public PlatformFeeRates(EntityManager em, BillingConfig config) {
        this.em = em;
        this.configured = config.platformFeeRate();
    }

    /** Records the configured rate with a run that has none and has not fixed its inputs yet (a run being opened). */
    @Transactional
    public void fixFor(UUID runId) {
        em.createNativeQuery("update billing_run set platform_fee_rate = :rate "
                + "where id = :id and platform_fee_rate is null and snapshot_at is null")
                .setParameter("rate", configured).setParameter("id", runId).executeUpdate();
    }

    /** The rate the period's run fixed; the configured one for a period without (opened before rates were recorded, or not billed). */
    public BigDecimal of(BillingPeriod period) {
        @SuppressWarnings("unchecked")
        List<BigDecimal> rates = em.createNativeQuery("select platform_fee_rate from billing_run "
                + "where period = :period and platform_fee_rate is not null")
                .setParameter("period", period.toString()).getResultList();
        // numeric(5,4) reads back as 0.0500; the rate is shown as configured (0.05)
        return rates.isEmpty() ? configured : rates.get(0).stripTrailingZeros();
    }
}

package de.kommunalmarkt.catalog.solution;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One step of a TIERED plan: the fee for municipalities with fewer than {@code upTo} inhabitants; the last has none. */
@Embeddable
public class PlanTier {

    @Column(name = "up_to")
    public Long upTo;

    @Column(name = "monthly_fee", nullable = false)
    public BigDecimal monthlyFee;

    public PlanTier() {
    }

    public PlanTier(Long upTo, BigDecimal monthlyFee) {
        this.upTo = upTo;
        this.monthlyFee = monthlyFee;
    }
}

package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a document line charges or credits: a licence's use (billable days out of the period's days) or its setup
 * fee, or a scaling-round contribution; the net amount and the VAT terms. Invoice lines and credit-note lines alike.
 */
@MappedSuperclass
public abstract class ChargeColumns {

    /** The licence charged; null on a scaling-round contribution's line. */
    @Column(name = "license_id")
    public UUID licenseId;

    /** The licence's contract; null on a scaling-round contribution's line. */
    @Column(name = "contract_id")
    public Long contractId;

    /** The scaling-round contribution a CONTRIBUTION line charges or credits (table scaling_contribution); else null. */
    @Column(name = "contribution_id")
    public UUID contributionId;

    /** USAGE, SETUP_FEE or CONTRIBUTION. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "billable_days")
    public Short billableDays;

    @Column(name = "period_days", nullable = false)
    public short periodDays;

    @Column(name = "net_amount", nullable = false)
    public BigDecimal netAmount;

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;
}

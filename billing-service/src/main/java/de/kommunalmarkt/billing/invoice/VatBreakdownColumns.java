package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;

/** One (category, rate) group of a document's VAT breakdown: vat = round(rate × net). Invoices and credit notes alike. */
@MappedSuperclass
public abstract class VatBreakdownColumns {

    @Column(name = "vat_category", nullable = false)
    public String vatCategory;

    @Column(name = "vat_rate", nullable = false)
    public BigDecimal vatRate;

    @Column(name = "exemption_reason")
    public String exemptionReason;

    @Column(name = "net_amount", nullable = false)
    public BigDecimal netAmount;

    @Column(name = "vat_amount", nullable = false)
    public BigDecimal vatAmount;
}

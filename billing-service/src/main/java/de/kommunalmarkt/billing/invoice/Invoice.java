package de.kommunalmarkt.billing.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An issued invoice with the buyer as it was when the run started; written by the billing run, read here. */
@Entity
@Table(name = "invoice")
public class Invoice {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String number;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public String period;

    @Column(name = "municipality_ags", nullable = false)
    public String municipalityAgs;

    @Column(name = "buyer_name", nullable = false)
    public String buyerName;

    @Column(name = "buyer_street", nullable = false)
    public String buyerStreet;

    @Column(name = "buyer_postal_code", nullable = false)
    public String buyerPostalCode;

    @Column(name = "buyer_city", nullable = false)
    public String buyerCity;

    @Column(name = "buyer_country_code", nullable = false)
    public String buyerCountryCode;

    @Column(name = "buyer_email", nullable = false)
    public String buyerEmail;

    @Column(name = "leitweg_id", nullable = false)
    public String leitwegId;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(name = "net_total", nullable = false)
    public BigDecimal netTotal;

    @Column(name = "vat_total", nullable = false)
    public BigDecimal vatTotal;

    @Column(name = "gross_total", nullable = false)
    public BigDecimal grossTotal;

    @Column(nullable = false)
    public String currency;

    @Column(name = "line_count", nullable = false)
    public int lineCount;
}

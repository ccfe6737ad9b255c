package de.kommunalmarkt.billing.view;

import de.kommunalmarkt.events.PriceModel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The frozen terms of a plan's licences ({@code LicenseGranted.terms} as JSON), once per plan. */
@Entity
@Table(name = "contract")
public class Contract {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "plan_id", nullable = false, unique = true)
    public String planId;

    @Column(name = "plan_name", nullable = false)
    public String planName;

    @Column(name = "solution_id", nullable = false)
    public String solutionId;

    @Column(name = "solution_name", nullable = false)
    public String solutionName;

    @Column(name = "provider_ags", nullable = false)
    public String providerAgs;

    @Enumerated(EnumType.STRING)
    @Column(name = "price_model", nullable = false)
    public PriceModel priceModel;

    /** {@code PlanTerms} as JSON, exactly as granted. */
    @Column(nullable = false)
    public String terms;
}

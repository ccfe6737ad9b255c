package de.kommunalmarkt.licensing.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plan of a catalog solution with its full terms (PlanTerms JSON), as published. */
@Entity
@Table(name = "catalog_plan")
public class CatalogPlan {

    @Id
    public String id;

    @Column(name = "solution_id", nullable = false)
    public String solutionId;

    @Column(nullable = false)
    public String terms;
}

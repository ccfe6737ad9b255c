package de.kommunalmarkt.licensing.catalog;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.SolutionState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A solution as licensing knows it from the catalog's events. */
@Entity
@Table(name = "catalog_solution")
public class CatalogSolution {

    @Id
    public String id;

    @Column(name = "provider_ags", nullable = false)
    public String providerAgs;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SolutionState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_policy", nullable = false)
    public ApprovalPolicy approvalPolicy;

    @Column(name = "supported_operator_types", nullable = false)
    public String supportedOperatorTypes;

    @Column(name = "hosting_modes", nullable = false)
    public String hostingModes;

    @Column(name = "catalog_time", nullable = false)
    public Instant catalogTime;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<OperatorType> supportedOperatorTypes() {
        return EnumList.split(supportedOperatorTypes, OperatorType.class);
    }

    public List<HostingMode> hostingModes() {
        return EnumList.split(hostingModes, HostingMode.class);
    }
}

package de.kommunalmarkt.catalog.adoption;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What the catalog knows about one licence, from licensing's events: who holds it for which
 * solution, whether it is active, and whether it is counted in the solution's adoption count.
 */
@Entity
@Table(name = "license_holding")
public class LicenseHolding {

    public enum State {
        ACTIVE,
        TERMINATED
    }

    @Id
    @Column(name = "license_id")
    public UUID licenseId;

    @Column(name = "solution_id", nullable = false)
    public UUID solutionId;

    @Column(name = "adopter_ags", nullable = false)
    public String adopterAgs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** Whether this licence adds one to its solution's adoption count right now. */
    @Column(nullable = false)
    public boolean counted;

    @Column(name = "activated_on")
    public LocalDate activatedOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

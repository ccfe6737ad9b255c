package de.kommunalmarkt.catalog.adoption;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class LicenseHoldingRepository implements PanacheRepositoryBase<LicenseHolding, UUID> {

    /** Whether the municipality holds an active licence of the solution (the right to review it). */
    public boolean holdsActiveLicense(UUID solutionId, String adopterAgs) {
        return count("solutionId = ?1 and adopterAgs = ?2 and state = ?3", solutionId, adopterAgs, LicenseHolding.State.ACTIVE) > 0;
    }
}

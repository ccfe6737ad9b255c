package de.kommunalmarkt.billing.view;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class LicenseSuspensionRepository implements PanacheRepository<LicenseSuspension> {

    /** The suspension not yet resumed, if the licence is suspended. */
    public Optional<LicenseSuspension> findOpen(UUID licenseId) {
        return find("licenseId = ?1 and resumedOn is null", licenseId).firstResultOptional();
    }
}

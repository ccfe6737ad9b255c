package de.kommunalmarkt.billing.view;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class LicenseRepository implements PanacheRepositoryBase<License, UUID> {
}

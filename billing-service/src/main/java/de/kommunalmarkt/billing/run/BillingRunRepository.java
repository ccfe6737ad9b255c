package de.kommunalmarkt.billing.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class BillingRunRepository implements PanacheRepositoryBase<BillingRun, UUID> {
}

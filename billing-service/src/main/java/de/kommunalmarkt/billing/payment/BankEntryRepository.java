package de.kommunalmarkt.billing.payment;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class BankEntryRepository implements PanacheRepositoryBase<BankEntry, UUID> {
}

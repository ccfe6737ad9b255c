package de.kommunalmarkt.licensing.catalog;

import de.kommunalmarkt.events.OperatorType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An operator of the directory. Its row is also the lock that serialises everything that counts or
 * fills the operator's deployment slots (pessimistic write lock), so capacity holds under concurrency.
 */
@Entity
@Table(name = "catalog_operator")
public class CatalogOperator {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "operator_type", nullable = false)
    public OperatorType operatorType;

    @Column(nullable = false)
    public int capacity;

    /** Where notifications go (the directory's contact e-mail); null until the directory has sent it. */
    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

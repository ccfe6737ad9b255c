package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.OperatorType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An operator of the directory, identified by its slug: runs solutions for adopters. */
@Entity
@Table(name = "operator")
public class Operator {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "operator_type", nullable = false)
    public OperatorType operatorType;

    /** Two-digit state codes, ascending. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "states_served", nullable = false, columnDefinition = "text[]")
    public List<String> statesServed;

    @Column(nullable = false)
    public int capacity;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    @Version
    public long version;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

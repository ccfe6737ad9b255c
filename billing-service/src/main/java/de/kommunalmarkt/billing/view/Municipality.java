package de.kommunalmarkt.billing.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A municipality as billing knows it from the directory: inhabitants for pricing, buyer data for invoices. */
@Entity
@Table(name = "municipality")
public class Municipality {

    @Id
    public String ags;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public long inhabitants;

    @Column(name = "leitweg_id", nullable = false)
    public String leitwegId;

    @Column(nullable = false)
    public String street;

    @Column(name = "postal_code", nullable = false)
    public String postalCode;

    @Column(nullable = false)
    public String city;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When billing first learnt of the municipality (V3: licences billable before that are billed late). */
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}

package de.kommunalmarkt.licensing.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A municipality of the directory: names adopters and providers in licence views. */
@Entity
@Table(name = "catalog_municipality")
public class CatalogMunicipality {

    @Id
    public String ags;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public long inhabitants;

    /** Where notifications go (the directory's contact e-mail); null until the directory has sent it. */
    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package de.kommunalmarkt.catalog.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A municipality's experience with a solution it holds a licence of: stars and a report; one per municipality and solution. */
@Entity
@Table(name = "review")
public class Review {

    @Id
    public UUID id;

    @Column(name = "solution_id", nullable = false, updatable = false)
    public UUID solutionId;

    @Column(name = "author_ags", nullable = false, updatable = false)
    public String authorAgs;

    @Column(nullable = false)
    public short stars;

    @Column(nullable = false)
    public String report;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

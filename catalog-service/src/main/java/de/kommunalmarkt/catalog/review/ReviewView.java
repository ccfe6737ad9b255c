package de.kommunalmarkt.catalog.review;

import java.time.Instant;
import java.util.UUID;

/** A review as everyone reads it. */
public record ReviewView(UUID id, UUID solutionId, String authorAgs, String authorName, int stars, String report,
        long version, Instant createdAt, Instant updatedAt) {
}

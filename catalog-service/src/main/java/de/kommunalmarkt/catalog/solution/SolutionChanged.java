package de.kommunalmarkt.catalog.solution;

import java.util.UUID;

/**
 * A solution or something shown with it changed (CDI event, fired inside the changing transaction):
 * this instance's {@link PublicCatalog} reads it again as soon as the change commits, before the
 * response leaves, so a caller reads its own write. Other instances learn of it from PostgreSQL
 * ({@link CatalogFeed}).
 */
public record SolutionChanged(UUID id) {
}

package de.kommunalmarkt.licensing.catalog;

import java.time.Instant;

/**
 * A CDI event: the directory updated a known operator, setting its capacity (which may have grown). Fired
 * synchronously in the projection's transaction, with the operator's row write-locked, so an observer
 * that fills the operator's slots (the deployment queue) does so under the same lock and commits with it.
 */
public record OperatorCapacityUpdated(CatalogOperator lockedOperator, Instant at) {
}

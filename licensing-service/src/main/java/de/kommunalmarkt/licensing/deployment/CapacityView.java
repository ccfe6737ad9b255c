package de.kommunalmarkt.licensing.deployment;

/**
 * An operator's deployment slots as licensing counts them: {@code capacity} from the directory,
 * {@code inUse} the deployments holding a slot (REQUESTED or ACCEPTED), {@code free} what is left (never
 * below 0: a capacity lowered under deployments already under way leaves none), {@code queued} the
 * deployments waiting for a slot, first in first out.
 */
public record CapacityView(String operatorId, int capacity, long inUse, long free, long queued) {
}

package de.kommunalmarkt.common.failure;

/**
 * A failure that repeats on every attempt, whatever its cause says (an event that cannot be applied
 * stays so even if a connection also broke while finding that out): {@link TransientFailure} never
 * calls it transient.
 */
public interface NeverTransient {
}

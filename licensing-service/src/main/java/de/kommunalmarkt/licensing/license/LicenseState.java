package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.licensing.IllegalTransitionException;
import java.util.EnumSet;
import java.util.Set;

/**
 * <pre>
 * REQUESTED ─approve→ GRANTED ─activate→ ACTIVE ⇄ SUSPENDED
 *     └─reject→ REJECTED   └─cancel→ CANCELLED     └─ terminate (endsOn) … end → TERMINATED
 * </pre>
 * TERMINATE only gives notice (the state stays until {@code endsOn}); REDEPLOY asks for a new
 * deployment of a granted licence. Everything else is refused.
 */
public enum LicenseState {
    REQUESTED,
    GRANTED,
    REJECTED,
    CANCELLED,
    ACTIVE,
    SUSPENDED,
    TERMINATED;

    /** States that no longer count as a municipality's licence of the solution (a new request is possible). */
    public static final Set<LicenseState> CLOSED = EnumSet.of(REJECTED, CANCELLED, TERMINATED);

    /** The state after {@code action}, or {@link IllegalTransitionException} when this state does not allow it. */
    public LicenseState on(LicenseAction action) {
        LicenseState next = switch (this) {
            case REQUESTED -> switch (action) {
                case APPROVE -> GRANTED;
                case REJECT -> REJECTED;
                default -> null;
            };
            case GRANTED -> switch (action) {
                case ACTIVATE -> ACTIVE;
                case CANCEL -> CANCELLED;
                case REDEPLOY -> GRANTED;
                default -> null;
            };
            case ACTIVE -> switch (action) {
                case SUSPEND -> SUSPENDED;
                case TERMINATE -> ACTIVE;
                case END -> TERMINATED;
                default -> null;
            };
            case SUSPENDED -> switch (action) {
                case RESUME -> ACTIVE;
                case TERMINATE -> SUSPENDED;
                case END -> TERMINATED;
                default -> null;
            };
            case REJECTED, CANCELLED, TERMINATED -> null;
        };
        if (next == null) {
            throw new IllegalTransitionException("licence", this, action);
        }
        return next;
    }
}

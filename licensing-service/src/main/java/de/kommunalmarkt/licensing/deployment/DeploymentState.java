package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.licensing.IllegalTransitionException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * <pre>
 * QUEUED ─release→ REQUESTED ─accept→ ACCEPTED ─complete→ COMPLETED
 *                                          └─fail→ FAILED
 * QUEUED | REQUESTED | ACCEPTED ─cancel→ CANCELLED (the licence was cancelled)
 * </pre>
 * REQUESTED and ACCEPTED hold one of the operator's capacity slots.
 */
public enum DeploymentState {
    QUEUED,
    REQUESTED,
    ACCEPTED,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The states that occupy one of the operator's slots. */
    public static final List<DeploymentState> HOLDING_SLOT = List.of(REQUESTED, ACCEPTED);
    /** The states of a deployment that is still under way. */
    public static final Set<DeploymentState> OPEN = EnumSet.of(QUEUED, REQUESTED, ACCEPTED);

    public DeploymentState on(DeploymentAction action) {
        DeploymentState next = switch (this) {
            case QUEUED -> switch (action) {
                case RELEASE -> REQUESTED;
                case CANCEL -> CANCELLED;
                default -> null;
            };
            case REQUESTED -> switch (action) {
                case ACCEPT -> ACCEPTED;
                case CANCEL -> CANCELLED;
                default -> null;
            };
            case ACCEPTED -> switch (action) {
                case COMPLETE -> COMPLETED;
                case FAIL -> FAILED;
                case CANCEL -> CANCELLED;
                default -> null;
            };
            case COMPLETED, FAILED, CANCELLED -> null;
        };
        if (next == null) {
            throw new IllegalTransitionException("deployment", this, action);
        }
        return next;
    }
}

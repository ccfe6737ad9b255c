package de.kommunalmarkt.licensing;

/** A transition the state machine does not allow from the current state; answered with 409 and {@code currentState}. */
public class IllegalTransitionException extends RuntimeException {

    private final Enum<?> currentState;
    private final Enum<?> action;

    public IllegalTransitionException(String aggregate, Enum<?> currentState, Enum<?> action) {
        super("A " + aggregate + " in state " + currentState + " cannot " + verb(action));
        this.currentState = currentState;
        this.action = action;
    }

    private static String verb(Enum<?> action) {
        return action.name().toLowerCase().replace('_', ' ');
    }

    public Enum<?> currentState() {
        return currentState;
    }

    public Enum<?> action() {
        return action;
    }
}

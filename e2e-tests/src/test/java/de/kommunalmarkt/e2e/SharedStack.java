package de.kommunalmarkt.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One running marketplace for all end-to-end test classes (starting Keycloak and the services takes
 * about a minute): started by the first class that asks, stopped when the test run ends — by
 * {@link StackShutdownTest}, which proves nothing is left, or by this listener if a run ends early.
 */
public final class SharedStack implements LauncherSessionListener {

    private static LocalStack stack;

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start();
            System.out.printf("Local stack started in %d ms%n", stack.startupMillis());
        }
        return stack;
    }

    /**
     * The shared marketplace with this many processes of each service: if it runs with another count,
     * it is stopped and started again on the same state (databases, broker log and Keycloak are kept).
     */
    public static synchronized LocalStack withInstances(int instances) {
        if (stack != null && stack.instances() != instances) {
            stack.stop();
            stack = null;
        }
        if (stack == null) {
            stack = LocalStack.start(instances);
            System.out.printf("Local stack with %d instances of each service started in %d ms%n", instances, stack.startupMillis());
        }
        return stack;
    }

    /** Stops the stack; returns the stopped stack (for checks on what it left), or null if none ran. */
    static synchronized LocalStack stop() {
        LocalStack stopped = stack;
        if (stack != null) {
            stack.stop();
            stack = null;
        }
        return stopped;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }
}

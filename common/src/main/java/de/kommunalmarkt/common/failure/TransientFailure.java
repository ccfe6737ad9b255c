package de.kommunalmarkt.common.failure;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that goes away by itself (the database or broker is restarting, a lock is held, a
 * serializable transaction lost a race) from one that repeats on every attempt. The first is retried
 * until it succeeds; only the second may end in the dead-letter topic. A REST call failing with the first
 * is answered 503 with {@code Retry-After} (the client may send it again), not 500. The whole cause chain
 * is looked at, since Hibernate, Agroal and Narayana wrap the driver's exception in their own; a
 * {@link NeverTransient} failure in it decides "repeats" whatever its cause says.
 */
public final class TransientFailure {

    /** SQLStates that say "try again": serialization failure, deadlock, lock not available, query cancelled by timeout. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57014");

    /** Exceptions of libraries common does not compile against, by name: they are all "wait and retry". */
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "org.apache.kafka.common.errors.RetriableException");

    private TransientFailure() {
    }

    public static boolean is(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof NeverTransient) {
                return false;
            }
            if (isTransientItself(t)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.put(next, Boolean.TRUE) == null;
                        next = next.getNextException()) {
                    if (isTransientItself(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException
                || t instanceof TimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // class 08: connection exception; 57P0x: admin shutdown, crash shutdown, cannot connect now
            if (state.startsWith("08") || state.startsWith("57P0") || TRANSIENT_SQL_STATES.contains(state)) {
                return true;
            }
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(c.getName())) {
                return true;
            }
        }
        // Agroal says "Acquisition timeout while waiting for new connection" in a plain SQLException;
        // Narayana reports a transaction its reaper rolled back after the timeout by message only.
        String message = t.getMessage();
        return message != null && (message.contains("Acquisition timeout") || message.contains("timeout")
                && (t.getClass().getName().startsWith("jakarta.transaction") || t.getClass().getName().startsWith("io.quarkus.narayana")));
    }
}

package de.kommunalmarkt.common.failure;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.common.inbox.PoisonEventException;
import jakarta.persistence.LockTimeoutException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are waited out and which end in the dead-letter topic. */
class TransientFailureTest {

    @Test
    void theDatabaseBeingAwayIsTransientHoweverDeeplyWrapped() {
        assertThat(TransientFailure.is(wrapped(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("An I/O error occurred", "08006")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("the database system is starting up", "57P03")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLTransientConnectionException("gone")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
        assertThat(TransientFailure.is(new IllegalStateException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void conflictsBetweenTransactionsAreTransient() {
        assertThat(TransientFailure.is(wrapped(new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("could not obtain lock", "55P03")))).isTrue();
        assertThat(TransientFailure.is(wrapped(new SQLException("canceling statement due to statement timeout", "57014")))).isTrue();
        assertThat(TransientFailure.is(new LockTimeoutException("lock timeout"))).isTrue();
    }

    @Test
    void aTransientFailureFoundInTheNextExceptionCounts() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "42000");
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(TransientFailure.is(wrapped(batch))).isTrue();
    }

    @Test
    void whatRepeatsOnEveryAttemptIsNotTransient() {
        assertThat(TransientFailure.is(wrapped(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(TransientFailure.is(wrapped(new SQLException("value too long", "22001")))).isFalse();
        assertThat(TransientFailure.is(new IllegalStateException("licence unknown to billing"))).isFalse();
        assertThat(TransientFailure.is(new NullPointerException())).isFalse();
        assertThat(TransientFailure.is(new PoisonEventException("payload is not valid", new SQLException("x", "08006")))).isFalse();
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(TransientFailure.is(a)).isFalse();
    }

    private static RuntimeException wrapped(SQLException e) {
        return new RuntimeException("transaction failed", new IllegalStateException("could not execute statement", e));
    }
}

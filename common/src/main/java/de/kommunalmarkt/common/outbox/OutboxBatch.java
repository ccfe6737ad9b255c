package de.kommunalmarkt.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.jdbc.CopyText;
import de.kommunalmarkt.common.tracing.TraceParent;
import de.kommunalmarkt.events.DomainEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Many events written into the outbox table with one {@code COPY}, in a plain JDBC transaction of
 * the caller's (a billing run writes thousands per batch; one ORM insert each would dominate). The
 * rows are the ones {@link Outbox#publish} writes — same columns, same payload — and the relay sends
 * them alike once the caller commits (call {@link OutboxRelay#wake()} then to send at once).
 */
public final class OutboxBatch {

    /** Roughly what one event row takes in COPY text, to size the buffer once. */
    private static final int BYTES_PER_EVENT = 600;

    private final ObjectMapper json;
    private final CopyText rows;

    public OutboxBatch(ObjectMapper json, int expectedEvents) {
        this.json = json;
        this.rows = new CopyText("outbox_event (event_id, topic, record_key, event_type, subject, occurred_at, payload, traceparent)",
                Math.max(1, expectedEvents) * BYTES_PER_EVENT);
    }

    public OutboxBatch add(DomainEvent event) {
        rows.plain(UUID.randomUUID()).text(event.topic()).text(event.key()).text(event.type()).text(event.subject())
                .plain(Instant.now().truncatedTo(ChronoUnit.MICROS)).text(EventPayload.of(json, event))
                .text(TraceParent.current()).endRow();
        return this;
    }

    public int size() {
        return rows.rowCount();
    }

    /** Writes the rows on this connection, inside whatever transaction it has open. */
    public void writeTo(Connection connection) throws SQLException {
        rows.copyInto(connection);
    }
}

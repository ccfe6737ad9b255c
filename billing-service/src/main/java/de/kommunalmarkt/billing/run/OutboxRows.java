package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.DomainEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Events of a billing run, written into the common outbox table ({@code outbox_event}, the columns of
 * {@code common.outbox.OutboxEvent}) in the run's own JDBC transaction, thousands per COPY instead of
 * one ORM insert each. The relay publishes them like any outbox row; payloads are the contract
 * records as the application's ObjectMapper writes them, exactly as {@code Outbox.publish} would.
 */
final class OutboxRows {

    private final ObjectMapper json;
    private final CopyText rows;

    OutboxRows(ObjectMapper json, int expectedEvents) {
        this.json = json;
        this.rows = new CopyText("outbox_event (event_id, topic, record_key, event_type, subject, occurred_at, payload)",
                expectedEvents * 600);
    }

    OutboxRows add(DomainEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + event.type(), e);
        }
        rows.plain(UUID.randomUUID()).text(event.topic()).text(event.key()).text(event.type()).text(event.subject())
                .plain(Instant.now().truncatedTo(ChronoUnit.MICROS)).text(payload).endRow();
        return this;
    }

    void writeTo(Connection connection) throws SQLException {
        rows.copyInto(connection);
    }
}

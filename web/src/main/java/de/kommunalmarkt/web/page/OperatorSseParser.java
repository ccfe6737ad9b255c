package de.kommunalmarkt.web.page;

import java.util.Optional;

/**
 * Reads a Server-Sent Events stream line by line (the licensing service's deployment stream) into its
 * events, as the HTML standard's event-stream rules say: {@code id}, {@code event} and {@code data}
 * fields, comments (lines starting with ':') ignored, an event dispatched at the blank line that ends it.
 * Not thread-safe: one parser per stream.
 */
final class OperatorSseParser {

    /** One event of the stream: its id (null if it had none), type ("message" by default) and data. */
    record Event(String id, String type, String data) {
    }

    private String id;
    private String type;
    private StringBuilder data;

    /** Takes the next line (without its line end); returns the event a blank line completes. */
    Optional<Event> line(String line) {
        if (line == null || line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "event" -> type = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // "retry" and unknown fields concern the connection, not the event
            }
        }
        return Optional.empty();
    }

    private Optional<Event> dispatch() {
        if (data == null) {
            // an event without data is not dispatched (the standard's rule); only its id would count
            type = null;
            return Optional.empty();
        }
        Event event = new Event(id, type == null || type.isEmpty() ? "message" : type, data.toString());
        type = null;
        data = null;
        // the id stays: it is the stream's last event id until a later event names another
        return Optional.of(event);
    }
}

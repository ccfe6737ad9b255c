package de.kommunalmarkt.common.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** The CloudEvents 1.0 binary-mode Kafka headers of docs/ARCHITECTURE.md ("Topics and events"), by name. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static Map<String, String> of(String id, String source, String type, String time, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, "1.0");
        headers.put(ID, id);
        headers.put(SOURCE, source);
        headers.put(TYPE, type);
        headers.put(TIME, time);
        headers.put(SUBJECT, subject);
        headers.put(CONTENT_TYPE, "application/json");
        return headers;
    }

    private CloudEventHeaders() {
    }
}

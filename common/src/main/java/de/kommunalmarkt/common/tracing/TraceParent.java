package de.kommunalmarkt.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} (version-traceid-spanid-flags) by which a trace crosses the outbox and
 * Kafka: taken from the current span when an event is written, stored with the outbox row, sent as the
 * record's {@code traceparent} header (the name W3C Trace Context, OpenTelemetry's Kafka instrumentation
 * and the CloudEvents distributed tracing extension use) and read back by the consumer as its parent.
 */
public final class TraceParent {

    /** Kafka header and outbox column name. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The traceparent of the current span, or {@code null} outside any trace. */
    public static String current() {
        return of(Context.current());
    }

    /** The traceparent of the span in the context, or {@code null} if it has none. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * The context of a received traceparent, as the parent of the span that continues it; the root
     * context if it is missing or malformed (a new trace begins).
     */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), MAP);
    }

    /** The trace id of a traceparent, or {@code null} if it is missing or malformed. */
    public static String traceId(String traceparent) {
        SpanContext context = Span.fromContext(parent(traceparent)).getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    private TraceParent() {
    }
}

package de.kommunalmarkt.common.inbox;

import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.common.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

/**
 * The span in which a consumer applies a record: {@code <topic> process}, kind CONSUMER, a child of the
 * record's {@code traceparent} header (a new trace when the record has none). This is the one consumer
 * span of a record: SmallRye Kafka's own tracing is switched off (common's shared configuration), so
 * there are never two competing ones.
 */
@ApplicationScoped
public class ConsumerTracing {

    private final Tracer tracer;

    public ConsumerTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    Span consumerSpan(String consumer, ConsumerRecord<String, String> record) {
        var builder = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceParent.parent(header(record, TraceParent.HEADER)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", consumer);
        String eventId = header(record, CloudEventHeaders.ID);
        if (eventId != null) {
            builder.setAttribute("messaging.message.id", eventId);
        }
        String type = header(record, CloudEventHeaders.TYPE);
        if (type != null) {
            builder.setAttribute("cloudevents.event_type", type);
        }
        if (record.key() != null) {
            builder.setAttribute("messaging.kafka.message.key", record.key());
        }
        return builder.startSpan();
    }

    /**
     * Makes the span current and puts its ids into the logging context ({@code %X{traceId}},
     * {@code %X{spanId}}): a consumer runs on a worker thread the HTTP instrumentation never set them on.
     */
    Scope enter(Span span) {
        Scope scope = span.makeCurrent();
        SpanContext context = span.getSpanContext();
        Object traceId = MDC.put("traceId", context.getTraceId());
        Object spanId = MDC.put("spanId", context.getSpanId());
        return () -> {
            restore("traceId", traceId);
            restore("spanId", spanId);
            scope.close();
        };
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

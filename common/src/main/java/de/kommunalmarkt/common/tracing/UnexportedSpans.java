package de.kommunalmarkt.common.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Spans are made (trace ids in the logs, on outbox rows and Kafka records) but sent nowhere, unless
 * {@code kommunalmarkt.tracing.otlp=on}. While this exporter is looked up, Quarkus does not install its
 * OTLP exporter, which would otherwise send to {@code localhost:4317} and log an error for every batch
 * where no collector listens — and Quarkus offers no run-time setting to switch it off. With
 * {@code on}, this bean is not looked up and Quarkus' OTLP exporter sends to
 * {@code quarkus.otel.exporter.otlp.endpoint} (docs/OPERATIONS.md, "Traces").
 */
@Singleton
@LookupIfProperty(name = "kommunalmarkt.tracing.otlp", stringValue = "off", lookupIfMissing = true)
public class UnexportedSpans implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}

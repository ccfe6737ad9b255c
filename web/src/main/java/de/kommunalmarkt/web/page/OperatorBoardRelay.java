package de.kommunalmarkt.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Relays an operator's deployment events from the licensing service's stream to the browser: one SSE
 * event {@code deployment} (a short German text as data, the upstream event number as id) for what
 * happened upstream, so the board reloads its table. The upstream lines are read on a thread of this
 * relay's own pool (a blocking read per open board must neither sit on the event loop nor starve the
 * worker pool that renders pages); a burst of upstream events (the replay after connecting) becomes one
 * browser event; a comment goes out every 20 seconds so proxies keep the connection; when the browser
 * goes away the reader stops and closes the upstream stream (at the latest with licensing's next
 * keep-alive line, every 15 seconds).
 */
@ApplicationScoped
public class OperatorBoardRelay {

    private static final Logger LOG = Logger.getLogger(OperatorBoardRelay.class);

    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** Events closer together than this reach the browser as one. */
    static final Duration COALESCE = Duration.ofMillis(300);
    /** How long a browser waits before it connects again after the stream ended. */
    static final long RECONNECT_MILLIS = 3_000;
    /** ... and after the licensing service refused the stream (too many open, unreachable). */
    static final long RETRY_REFUSED_MILLIS = 30_000;
    /**
     * A stream read from its start first replays the operator's history, which the page just rendered
     * already shows: events in this time after connecting refresh the table without being announced as news.
     */
    static final Duration CATCH_UP = Duration.ofMillis(1500);
    /** Open boards per web instance (one reading thread each). */
    static final int MAX_STREAMS = 200;

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService readers = new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "betrieb-relay-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "betrieb-relay-timer");
        t.setDaemon(true);
        return t;
    });

    /** The last upstream event number each operator's boards have seen: a new board resumes there. */
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();

    @Inject
    ObjectMapper json;

    void stop(@Observes ShutdownEvent shutdown) {
        readers.shutdownNow();
        timers.shutdownNow();
    }

    /**
     * Where the upstream stream resumes: the browser's Last-Event-ID when it reconnects, else the last
     * event any board of the operator saw here (so a new board does not read the operator's whole history),
     * else null (from the start).
     */
    String resumeFrom(String operatorId, String lastEventId) {
        if (lastEventId != null && lastEventId.strip().matches("\\d{1,18}")) {
            return lastEventId.strip();
        }
        Long cursor = operatorId == null ? null : cursors.get(operatorId);
        return cursor == null ? null : cursor.toString();
    }

    /** The operator's stream was refused: the browser is told to try again later, and the stream ends. */
    Multi<OutboundSseEvent> refused(Sse sse) {
        return Multi.createFrom().item(sse.newEventBuilder().comment("nicht verfügbar").reconnectDelay(RETRY_REFUSED_MILLIS)
                .build());
    }

    /**
     * The browser's stream for the upstream lines (read from the operator's first event if {@code fromStart});
     * the relay closes them.
     */
    Multi<OutboundSseEvent> relay(String operatorId, Stream<String> upstream, boolean fromStart, Sse sse) {
        return Multi.createFrom().emitter(emitter -> new Connection(operatorId, upstream, fromStart, sse, emitter).start());
    }

    /** German text for the browser: what happened, and to which solution. */
    String text(OperatorSseParser.Event event) {
        String what = Labels.WORDS.getOrDefault(event.type(), "Bereitstellung geändert");
        try {
            JsonNode data = json.readTree(event.data());
            if (data != null && data.hasNonNull("solutionName")) {
                what += ": " + data.get("solutionName").asText();
            }
        } catch (IOException | RuntimeException e) {
            // the text stays without the solution's name
        }
        return what;
    }

    /** HTML-escaped (htmx puts the data into the page), on one line. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * What the browser has not been told yet: how many events, the last one's text and number, and whether
     * they all are the replayed history (catch-up) rather than news.
     */
    record Pending(int count, String text, String id, boolean catchUp) {
        Pending plus(Pending later) {
            return new Pending(count + later.count, later.text, later.id != null ? later.id : id, catchUp && later.catchUp);
        }

        String message() {
            if (catchUp) {
                return "Die Tabelle ist auf dem neuesten Stand.";
            }
            return count == 1 ? text : count + " Änderungen, zuletzt: " + text;
        }
    }

    /** One browser's stream. */
    private final class Connection {
        final String operatorId;
        final Stream<String> upstream;
        final boolean fromStart;
        final long openedNanos = System.nanoTime();
        final Sse sse;
        final MultiEmitter<? super OutboundSseEvent> emitter;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicReference<Pending> pending = new AtomicReference<>();
        final AtomicBoolean flushScheduled = new AtomicBoolean();
        volatile ScheduledFuture<?> heartbeat;

        Connection(String operatorId, Stream<String> upstream, boolean fromStart, Sse sse,
                MultiEmitter<? super OutboundSseEvent> emitter) {
            this.operatorId = operatorId;
            this.upstream = upstream;
            this.fromStart = fromStart;
            this.sse = sse;
            this.emitter = emitter;
        }

        void start() {
            emitter.onTermination(this::browserGone);
            emitter.emit(sse.newEventBuilder().comment("verbunden").reconnectDelay(RECONNECT_MILLIS).build());
            try {
                heartbeat = timers.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                        TimeUnit.MILLISECONDS);
                if (closed.get()) {
                    cancelHeartbeat();
                }
                readers.execute(this::read);
            } catch (RejectedExecutionException e) {
                LOG.warn("Operator board: no reader free for another stream; the browser tries again later");
                cancelHeartbeat();
                upstream.close();
                emitter.emit(sse.newEventBuilder().comment("ausgelastet").reconnectDelay(RETRY_REFUSED_MILLIS).build());
                emitter.complete();
            }
        }

        /** The reading thread: upstream lines until the upstream ends or the browser left. */
        void read() {
            OperatorSseParser parser = new OperatorSseParser();
            try (upstream) {
                Iterator<String> lines = upstream.iterator();
                while (!closed.get() && lines.hasNext()) {
                    parser.line(lines.next()).ifPresent(this::upstreamEvent);
                }
            } catch (RuntimeException e) {
                // the connection broke or was closed (UncheckedIOException): the browser connects again
                LOG.debugf("Operator board: upstream stream ended (%s)", e.getClass().getSimpleName());
            } finally {
                cancelHeartbeat();
                if (!closed.get()) {
                    flush();
                    emitter.complete();
                }
            }
        }

        void upstreamEvent(OperatorSseParser.Event event) {
            if (event.id() != null && event.id().matches("\\d{1,18}")) {
                long seq = Long.parseLong(event.id());
                cursors.merge(operatorId, seq, Math::max);
            }
            boolean catchUp = fromStart && System.nanoTime() - openedNanos < CATCH_UP.toNanos();
            Pending next = new Pending(1, text(event), event.id(), catchUp);
            pending.accumulateAndGet(next, (before, now) -> before == null ? now : before.plus(now));
            if (flushScheduled.compareAndSet(false, true)) {
                try {
                    timers.schedule(this::flush, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    flush();
                }
            }
        }

        void flush() {
            flushScheduled.set(false);
            Pending due = pending.getAndSet(null);
            if (due != null && !closed.get()) {
                var event = sse.newEventBuilder().name("deployment")
                        .data(String.class, html(due.message()));
                if (due.id() != null) {
                    event.id(due.id());
                }
                emitter.emit(event.build());
            }
        }

        void beat() {
            if (!closed.get()) {
                emitter.emit(sse.newEventBuilder().comment("keepalive").build());
            }
        }

        /** Cancelled or completed: the reader stops at its next line and closes the upstream stream. */
        void browserGone() {
            closed.set(true);
            cancelHeartbeat();
        }

        void cancelHeartbeat() {
            ScheduledFuture<?> beat = heartbeat;
            if (beat != null) {
                beat.cancel(false);
            }
        }
    }
}

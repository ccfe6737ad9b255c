package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.problem.ProblemType;
import de.kommunalmarkt.licensing.LicensingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Operators' deployment events as live streams, pushed: nothing reads the database until
 * {@link OperatorEventListener} hears that an operator's events were committed (on any instance), or the
 * slow re-check runs. Then one read of "everything after the lowest number any of the operator's streams
 * has sent" serves all its streams on this instance, each getting what lies after its own last number.
 * Replay after {@code Last-Event-ID} and live delivery are that same read, done by one reader at a time
 * per operator, so the hand-over has no gap and no repeat.
 */
@ApplicationScoped
public class DeploymentStream {

    private static final Logger LOG = Logger.getLogger(DeploymentStream.class);

    private final OperatorEventLog log;
    private final LicensingConfig.Stream config;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService readers;
    private final Counter refused;

    public DeploymentStream(OperatorEventLog log, LicensingConfig config, MeterRegistry metrics) {
        this.log = log;
        this.config = config.stream();
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(this.config.readers(), r -> {
            Thread t = new Thread(r, "deployment-stream-reader-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("kommunalmarkt_sse_streams_open", open, AtomicInteger::get)
                .description("Open Server-Sent Event streams of operators on this instance").register(metrics);
        refused = Counter.builder("kommunalmarkt_sse_streams_refused")
                .description("Streams refused because the operator held its maximum of open streams").register(metrics);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        readers.shutdownNow();
        feeds.values().forEach(feed -> feed.subscribers.forEach(s -> s.complete()));
    }

    /**
     * Opens a stream of the operator's events numbered after {@code afterSeq}. Takes one of the
     * operator's stream slots at once (429 when none is free) and frees it when the stream ends.
     */
    public Multi<OperatorEventLog.StreamedEvent> open(String operatorId, long afterSeq) {
        Subscriber subscriber = new Subscriber(afterSeq);
        AtomicBoolean full = new AtomicBoolean();
        feeds.compute(operatorId, (id, feed) -> {
            Feed f = feed != null ? feed : new Feed(id);
            if (f.subscribers.size() >= config.maxPerOperator()) {
                full.set(true);
            } else {
                f.subscribers.add(subscriber);
                open.incrementAndGet();
            }
            return f.subscribers.isEmpty() ? null : f;
        });
        if (full.get()) {
            refused.increment();
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "At most " + config.maxPerOperator()
                    + " streams of one operator may be open at a time; close one (or wait until one ends) and connect again",
                    null).with("maxStreams", config.maxPerOperator());
        }
        return Multi.createFrom().<OperatorEventLog.StreamedEvent>emitter(emitter -> {
            emitter.onTermination(() -> close(operatorId, subscriber));
            emitter.onRequest(n -> wake(operatorId));
            subscriber.attach(emitter);
            wake(operatorId);
        }, config.batchSize());
    }

    /** The operator's events were committed (or may have been): its streams on this instance read them. */
    public void wake(String operatorId) {
        Feed feed = feeds.get(operatorId);
        if (feed != null) {
            feed.wake();
        }
    }

    /** Every operator with an open stream here reads again: after a lost notification or a reconnect. */
    public void wakeAll() {
        feeds.values().forEach(Feed::wake);
    }

    private void close(String operatorId, Subscriber subscriber) {
        feeds.computeIfPresent(operatorId, (id, feed) -> {
            if (feed.subscribers.remove(subscriber)) {
                open.decrementAndGet();
            }
            return feed.subscribers.isEmpty() ? null : feed;
        });
    }

    /** One operator's streams on this instance and its one reader. */
    private final class Feed {
        final String operatorId;
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final AtomicBoolean reading = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();

        Feed(String operatorId) {
            this.operatorId = operatorId;
        }

        void wake() {
            again.set(true);
            if (reading.compareAndSet(false, true)) {
                try {
                    readers.execute(this::read);
                } catch (RejectedExecutionException e) {
                    reading.set(false);
                }
            }
        }

        private void read() {
            try {
                while (again.getAndSet(false)) {
                    readUntilCaughtUp();
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not read the events of operator %s for its streams (the next wake or re-check tries again): %s",
                        operatorId, e.toString());
            } finally {
                reading.set(false);
            }
            // a wake that came after the last look but before the flag went down
            if (again.get()) {
                wake();
            }
        }

        private void readUntilCaughtUp() {
            while (true) {
                List<Subscriber> ready = subscribers.stream().filter(Subscriber::wantsMore).toList();
                if (ready.isEmpty()) {
                    return;
                }
                long from = ready.stream().mapToLong(s -> s.last).min().orElseThrow();
                List<OperatorEventLog.StreamedEvent> events = log.after(operatorId, from, config.batchSize());
                ready.forEach(subscriber -> subscriber.offer(events));
                if (events.size() < config.batchSize()) {
                    return;
                }
            }
        }
    }

    /** One open stream: its emitter and the number of the last event it was given. */
    private static final class Subscriber {
        volatile long last;
        private volatile MultiEmitter<? super OperatorEventLog.StreamedEvent> emitter;

        Subscriber(long afterSeq) {
            this.last = afterSeq;
        }

        void attach(MultiEmitter<? super OperatorEventLog.StreamedEvent> emitter) {
            this.emitter = emitter;
        }

        boolean wantsMore() {
            MultiEmitter<? super OperatorEventLog.StreamedEvent> e = emitter;
            return e != null && !e.isCancelled() && e.requested() > 0;
        }

        /** Emits the events after its last number as far as the client asks (more demand wakes the feed again). */
        void offer(List<OperatorEventLog.StreamedEvent> events) {
            MultiEmitter<? super OperatorEventLog.StreamedEvent> e = emitter;
            for (OperatorEventLog.StreamedEvent event : events) {
                if (event.seq() <= last) {
                    continue;
                }
                if (e.isCancelled() || e.requested() <= 0) {
                    return;
                }
                e.emit(event);
                last = event.seq();
            }
        }

        void complete() {
            MultiEmitter<? super OperatorEventLog.StreamedEvent> e = emitter;
            if (e != null) {
                e.complete();
            }
        }
    }
}

package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.licensing.LicensingConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An operator's deployment events as a live stream: replays its event table after a given number,
 * then keeps polling the same table from the last number sent. Replay and live delivery are one and
 * the same query, so the hand-over has no gap and no repeat — and every instance of the service
 * serves every operator, whichever instance wrote the events.
 */
@ApplicationScoped
public class DeploymentStream {

    private final OperatorEventLog log;
    private final LicensingConfig config;

    public DeploymentStream(OperatorEventLog log, LicensingConfig config) {
        this.log = log;
        this.config = config;
    }

    public Multi<OperatorEventLog.StreamedEvent> of(String operatorId, long afterSeq) {
        AtomicLong last = new AtomicLong(afterSeq);
        Duration interval = config.stream().pollInterval();
        int batch = config.stream().batchSize();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(interval)
                .onOverflow().drop()
                // one look at a time, on a worker thread (the query blocks); ticks during a look are dropped
                .concatMap(tick -> Uni.createFrom().item(() -> log.after(operatorId, last.get(), batch))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().transformToMulti(Multi.createFrom()::iterable))
                .invoke(event -> last.set(event.seq()));
    }
}

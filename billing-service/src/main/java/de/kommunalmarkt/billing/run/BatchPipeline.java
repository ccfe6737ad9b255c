package de.kommunalmarkt.billing.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Works off a run's units on two connections of one execution: while one connection writes its claimed unit,
 * the other has claimed the next open unit and a second thread prices it — the JVM prices (and formats rows)
 * while PostgreSQL writes. Each unit's claim, documents and "done" are one transaction ({@link WorkUnits}), so
 * the two connections (and every other instance's) never hold the same unit. When no open unit is left
 * unclaimed, the execution waits for those others hold and takes over any whose holder died.
 */
final class BatchPipeline {

    /** Writes a claimed unit's priced batch, marks the unit done and commits. */
    @FunctionalInterface
    interface Writer {
        void write(Connection c, WorkUnits.Unit unit, PricedBatch batch) throws SQLException;
    }

    private BatchPipeline() {
    }

    /** Returns once every unit of the run is done (by this execution or another). */
    static void run(UUID runId, BatchPricer pricer, Connection first, Connection second, Writer writer)
            throws SQLException {
        ExecutorService pricing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "billing-run-pricing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Connection current = first;
            Connection other = second;
            WorkUnits.Unit unit = WorkUnits.claim(current, runId);
            Future<PricedBatch> priced = price(pricing, pricer, unit);
            while (unit != null) {
                WorkUnits.Unit next = WorkUnits.claim(other, runId);
                Future<PricedBatch> nextPriced = price(pricing, pricer, next);
                writer.write(current, unit, await(priced));
                Connection written = current;
                current = other;
                other = written;
                unit = next;
                priced = nextPriced;
            }
            // Each claim that found nothing left its (empty) transaction open.
            first.commit();
            second.commit();
            // Units other executions hold: wait for them; a unit whose holder died is ours now.
            while ((unit = WorkUnits.awaitOpen(first, runId)) != null) {
                writer.write(first, unit, pricer.price(unit.from(), unit.to()));
            }
            first.commit();
        } finally {
            pricing.shutdownNow();
        }
    }

    private static Future<PricedBatch> price(ExecutorService pricing, BatchPricer pricer, WorkUnits.Unit unit) {
        return unit == null ? null : pricing.submit(() -> pricer.price(unit.from(), unit.to()));
    }

    private static PricedBatch await(Future<PricedBatch> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("billing run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("pricing a batch failed", e.getCause());
        }
    }
}

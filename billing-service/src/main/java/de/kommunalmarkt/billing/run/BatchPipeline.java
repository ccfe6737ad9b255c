package de.kommunalmarkt.billing.run;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Goes through the billed municipalities in batches, pricing the next batch on a second thread while the
 * current one is written: the JVM prices (and formats rows) while PostgreSQL writes. Batches are written one
 * after the other, in order, on the calling thread.
 */
final class BatchPipeline {

    /** Writes a priced batch, in its own transaction. */
    @FunctionalInterface
    interface Writer {
        void write(PricedBatch batch) throws SQLException;
    }

    private BatchPipeline() {
    }

    /** Prices and writes the positions {@code from..total} of the billed municipalities, {@code batchSize} at a time. */
    static void run(BatchPricer pricer, int from, int total, int batchSize, Writer writer) throws SQLException {
        ExecutorService pricing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "billing-run-pricing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<PricedBatch> next = from < total
                    ? pricing.submit(() -> pricer.price(from, Math.min(total, from + batchSize)))
                    : null;
            while (next != null) {
                PricedBatch batch = await(next);
                next = batch.to() < total
                        ? pricing.submit(() -> pricer.price(batch.to(), Math.min(total, batch.to() + batchSize)))
                        : null;
                writer.write(batch);
            }
        } finally {
            pricing.shutdownNow();
        }
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

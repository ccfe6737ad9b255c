package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.BillingConfig;
import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.events.BillingPeriod;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;

/**
 * Drops the snapshots outside every correction window ({@link SnapshotRetention}), daily (by default at 03:30 in
 * the marketplace's zone; {@code billing.retention.cron=off} disables it). Two instances may both run it: the
 * run row's lock and the recorded {@code snapshot_pruned_at} make the second find nothing left to drop.
 */
@ApplicationScoped
public class SnapshotRetentionJob {

    private final DataSource dataSource;
    private final Periods periods;
    private final int keepMonths;

    public SnapshotRetentionJob(DataSource dataSource, Periods periods, BillingConfig config) {
        SnapshotRetention.requireKeepsWindow(config.retention().keepMonths(), config.corrections().windowMonths());
        this.dataSource = dataSource;
        this.periods = periods;
        this.keepMonths = config.retention().keepMonths();
    }

    @Scheduled(identity = "snapshot-retention", cron = "${billing.retention.cron}", timeZone = "${kommunalmarkt.time.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void dropExpiredSnapshots() throws SQLException {
        prune();
    }

    /** Drops what has expired by today; returns the periods whose snapshots went. */
    public List<BillingPeriod> prune() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return SnapshotRetention.prune(c, YearMonth.from(periods.today()), keepMonths);
        }
    }
}

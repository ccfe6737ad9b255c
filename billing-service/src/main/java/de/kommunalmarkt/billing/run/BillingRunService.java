package de.kommunalmarkt.billing.run;

import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.statement.PlatformFeeRates;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Starts, resumes and shows billing runs. */
@ApplicationScoped
public class BillingRunService {

    private final BillingRunEngine engine;
    private final BillingRunner runner;
    private final BillingRunRepository runs;
    private final PlatformFeeRates feeRates;
    private final Periods periods;

    public BillingRunService(BillingRunEngine engine, BillingRunner runner, BillingRunRepository runs,
            PlatformFeeRates feeRates, Periods periods) {
        this.engine = engine;
        this.runner = runner;
        this.runs = runs;
        this.feeRates = feeRates;
        this.periods = periods;
    }

    /**
     * The run of the period: opened and started if there is none, resumed if it is unfinished, returned
     * as it is if it completed (a finished period is never billed twice).
     */
    public BillingRunView start(BillingPeriod period, String triggeredBy) {
        UUID runId;
        try {
            runId = engine.open(period, triggeredBy, periods.today());
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the billing run for " + period, e);
        }
        feeRates.fixFor(runId);
        BillingRun run = find(runId);
        if (run.state == BillingRunState.RUNNING) {
            runner.submit(runId);
        }
        return BillingRunView.of(run, Instant.now());
    }

    /** Runs, newest period first; only the period's if one is given. */
    public PageResult<BillingRunView> list(BillingPeriod period, PageParams page) {
        PanacheQuery<BillingRun> query = period == null
                ? runs.findAll(Sort.descending("period"))
                : runs.find("period", Sort.descending("period"), period.toString());
        Instant now = Instant.now();
        return PageResult.of(query.page(Page.of(page.page, page.size)).list().stream()
                .map(run -> BillingRunView.of(run, now)).toList(), page, query.count());
    }

    public BillingRunView get(UUID id) {
        return BillingRunView.of(find(id), Instant.now());
    }

    private BillingRun find(UUID id) {
        return runs.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Billing run", id));
    }
}

package de.kommunalmarkt.billing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.run.BillingRunEngine;
import de.kommunalmarkt.billing.run.SnapshotPartitions;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Bills 1,000,000 active licences over 11,000 municipalities with the service's own
 * {@link BillingRunEngine} — four times: 2026-10 with the billing code cold, then 2026-09 with it warm,
 * then 2026-11, whose correction pass looks at both earlier months and finds nothing changed, and then, after
 * 1 % of the licences learnt late facts (a later live date, a back-dated suspension, an earlier end) and
 * three municipalities billing did not know turned out to take part in widely used cost-sharing plans since
 * 2026-09, 2026-12 with its correction pass re-pricing the three months before (catch-up lines and credit
 * notes, every participant of the plans concerned included) — and
 * measures after each, on the same server, how long PostgreSQL needs to COPY the invoice, line, credit-note
 * and credit-note-line rows that run produced (the floor no billing run can beat).
 *
 * <p>Run with {@code billing-service/bench/run.sh}; not a test. Arguments (optional):
 * {@code licences municipalities batchSize}.
 */
public final class BillingRunBenchmark {

    private static final BillingPeriod PERIOD = ViewSeeder.PERIOD;

    private final int licences;
    private final int municipalities;
    private final int batchSize;
    private final int runs;
    private final int instances;
    private final Random random = new Random(20261101L);
    private final ObjectMapper json = ViewSeeder.objectMapper();

    private BillingRunBenchmark(int licences, int municipalities, int batchSize, int runs, int instances) {
        this.licences = licences;
        this.municipalities = municipalities;
        this.batchSize = batchSize;
        this.runs = runs;
        this.instances = instances;
    }

    public static void main(String[] args) throws Exception {
        int licences = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int municipalities = args.length > 1 ? Integer.parseInt(args[1]) : 11_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int instances = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path data = System.getenv("BENCH_PGDATA") == null ? null : Path.of(System.getenv("BENCH_PGDATA"));
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, 0, List.of("billing"))) {
            PGSimpleDataSource dataSource = ViewSeeder.migrated(postgres, "billing");
            new BillingRunBenchmark(licences, municipalities, batchSize, runs, instances).run(dataSource);
        }
    }

    private void run(PGSimpleDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            // Bulk writes of ~200 MB: no checkpoint in the middle of a measurement.
            execute(c, "alter system set max_wal_size = '8GB'");
            execute(c, "select pg_reload_conf()");
        }
        long seedStart = System.nanoTime();
        new ViewSeeder(licences, municipalities, 20261101L).seed(dataSource);
        System.out.printf("seeded %,d licences over %,d municipalities in %.1f s%n", licences, municipalities,
                seconds(seedStart));

        // One engine per instance, each with connections of its own (as two service instances have).
        List<BillingRunEngine> engines = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            engines.add(new BillingRunEngine(dataSource, json,
                    new BillingRunEngine.Settings(batchSize, 30, 12, OptionalInt.empty()), BillingRunEngine.Listener.NONE,
                    "instance-" + (i + 1)));
        }
        long postmaster = postmasterPid(dataSource);
        List<Measurement> measurements = new ArrayList<>();
        // The first run finds the billing code cold (as a service's first run after a deployment does, JIT
        // compilation included); the second, of the month before, finds it warm.
        measurements.add(measure(dataSource, engines, postmaster, PERIOD, "first run, cold JVM"));
        if (runs > 1) {
            measurements.add(measure(dataSource, engines, postmaster, new BillingPeriod(PERIOD.month().minusMonths(1)),
                    "second run, warm JVM"));
        }
        if (runs > 2) {
            measurements.add(measure(dataSource, engines, postmaster, new BillingPeriod(PERIOD.month().plusMonths(1)),
                    "third run, its correction pass finds nothing to correct"));
        }
        if (runs > 3) {
            long changeStart = System.nanoTime();
            String changes = learnLateFacts(dataSource);
            System.out.printf("late facts: %s in %.1f s%n", changes, seconds(changeStart));
            measurements.add(measure(dataSource, engines, postmaster, new BillingPeriod(PERIOD.month().plusMonths(2)),
                    "fourth run, correcting 2026-09 to 2026-11"));
        }
        System.out.println();
        measurements.forEach(Measurement::print);
        System.out.println("| run | instances | licences | wall time | COPY floor | ratio | peak heap | snapshot on disk | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        measurements.forEach(m -> System.out.printf("| %s %s | %d | %,d | %.2f s | %.2f s | **%.2f×** | %.0f MiB | %,.0f MiB (%.0f B/licence) | %s |%n",
                m.label(), m.period(), instances, m.licences(), m.seconds(), m.floorSeconds(), m.seconds() / m.floorSeconds(),
                m.peakHeap() / 1048576.0, m.snapshotBytes() / 1048576.0, (double) m.snapshotBytes() / Math.max(1, m.licences()),
                m.load().trim()));
    }

    /** What one billing run and its floor took. */
    private record Measurement(String label, BillingPeriod period, double seconds, long licences, long invoices, long lines,
            long corrections, long creditNotes, long creditNoteLines, long peakHeap, long peakRss, double jvmCpu, double postgresCpu, double floorSeconds, double floorPostgresCpu,
            String load, long snapshotBytes, String unitsBy) {

        void print() {
            System.out.println("== billing run of " + period + " (" + label + ") ==");
            System.out.printf("wall time          %8.2f s%n", seconds);
            System.out.printf("invoices           %,10d  (%,.0f invoices/s)%n", invoices, invoices / seconds);
            System.out.printf("lines              %,10d  (%,.0f lines/s)%n", lines, lines / seconds);
            if (corrections > 0) {
                System.out.printf("corrections        %,10d  (re-priced amounts that differ from the ledger)%n", corrections);
                System.out.printf("credit notes       %,10d  with %,d lines%n", creditNotes, creditNoteLines);
            }
            System.out.printf("units written by   %s%n", unitsBy);
            System.out.printf("peak heap          %8.0f MiB (JVM heap pools, max %,d MiB)%n", peakHeap / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576);
            System.out.printf("peak RSS           %8.0f MiB (this JVM's resident set during the run)%n", peakRss / 1048576.0);
            System.out.printf("snapshot on disk   %8.1f MiB (%,d licences, %.0f bytes each: pg_total_relation_size of the run's partitions)%n",
                    snapshotBytes / 1048576.0, licences, (double) snapshotBytes / Math.max(1, licences));
            System.out.printf("COPY floor         %8.2f s (the same %,d invoice, %,d line, %,d credit-note and %,d credit-note-line"
                    + " rows into tables of the same shape)%n", floorSeconds, invoices, lines, creditNotes, creditNoteLines);
            System.out.printf("ratio run / floor  %8.2f x%n", seconds / floorSeconds);
            System.out.printf("CPU                %8.2f s JVM + %.2f s PostgreSQL (floor: %.2f s PostgreSQL), load average %s%n",
                    jvmCpu, postgresCpu, floorPostgresCpu, load);
            System.out.println();
        }
    }

    private static Measurement measure(PGSimpleDataSource dataSource, List<BillingRunEngine> engines, long postmaster,
            BillingPeriod period, String label) throws Exception {
        checkpoint(dataSource);
        resetPeakMemory();
        double jvmCpuBefore = jvmCpuSeconds();
        double postgresCpuBefore = postgresCpuSeconds(postmaster);
        long start = System.nanoTime();
        UUID runId = engines.get(0).open(period, "benchmark", period.lastDay().plusDays(1));
        List<BillingRunEngine.Outcome> outcomes = executeTogether(engines, runId);
        double seconds = seconds(start);
        double jvmCpu = jvmCpuSeconds() - jvmCpuBefore;
        double postgresCpu = postgresCpuAfterConnectionsEnded(postmaster) - postgresCpuBefore;
        long peakHeap = peakHeapBytes();
        long peakRss = peakRssBytes();
        String load = Files.readString(Path.of("/proc/loadavg")).substring(0, 14);
        long licences;
        long invoices;
        long lines;
        long corrections;
        long creditNotes;
        long creditNoteLines;
        long snapshotBytes;
        StringBuilder unitsBy = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select invoices_issued, lines_issued, licenses_total, corrections_planned,"
                    + " credit_notes_issued, (select count(*) from credit_note_line l join credit_note n on n.id = l.credit_note_id"
                    + " where n.run_id = r.id) from billing_run r where id = '" + runId + "'")) {
                rs.next();
                invoices = rs.getLong(1);
                lines = rs.getLong(2);
                licences = rs.getLong(3);
                corrections = rs.getLong(4);
                creditNotes = rs.getLong(5);
                creditNoteLines = rs.getLong(6);
            }
            try (ResultSet rs = s.executeQuery("select done_by, count(*) from billing_run_unit where run_id = '" + runId
                    + "' group by 1 order by 1")) {
                while (rs.next()) {
                    unitsBy.append(unitsBy.isEmpty() ? "" : ", ").append(rs.getString(1)).append(": ").append(rs.getInt(2)).append(" units");
                }
            }
            snapshotBytes = SnapshotPartitions.bytes(c, period);
            System.out.printf("%s: run %s %s, %,d licences billed, %,d corrections, in %.2f s%n", period, runId, outcomes,
                    licences, corrections, seconds);
        }
        double postgresCpuBeforeFloor = postgresCpuSeconds(postmaster);
        double floorSeconds = copyFloor(dataSource, runId);
        double floorPostgresCpu = postgresCpuAfterConnectionsEnded(postmaster) - postgresCpuBeforeFloor;
        return new Measurement(label, period, seconds, licences, invoices, lines, corrections, creditNotes, creditNoteLines,
                peakHeap, peakRss, jvmCpu, postgresCpu, floorSeconds, floorPostgresCpu, load, snapshotBytes, unitsBy.toString());
    }

    /** Every engine executes the run at the same time, each on a thread of its own; their outcomes in order. */
    private static List<BillingRunEngine.Outcome> executeTogether(List<BillingRunEngine> engines, UUID runId)
            throws Exception {
        if (engines.size() == 1) {
            return List.of(engines.get(0).execute(runId));
        }
        ExecutorService threads = Executors.newFixedThreadPool(engines.size());
        try {
            List<Future<BillingRunEngine.Outcome>> outcomes = new ArrayList<>();
            for (BillingRunEngine engine : engines) {
                outcomes.add(threads.submit(() -> engine.execute(runId)));
            }
            List<BillingRunEngine.Outcome> result = new ArrayList<>();
            for (Future<BillingRunEngine.Outcome> outcome : outcomes) {
                result.add(outcome.get());
            }
            return result;
        } finally {
            threads.shutdownNow();
        }
    }

    // --- the floor -----------------------------------------------------------------------------------

    /** The documents a run writes, each as the query selecting its rows. */
    private static final List<String[]> DOCUMENT_TABLES = List.of(
            new String[] {"invoice", "select * from invoice where run_id = '%s'"},
            new String[] {"invoice_line", "select l.* from invoice_line l join invoice i on i.id = l.invoice_id where i.run_id = '%s'"},
            new String[] {"credit_note", "select * from credit_note where run_id = '%s'"},
            new String[] {"credit_note_line",
                    "select l.* from credit_note_line l join credit_note n on n.id = l.credit_note_id where n.run_id = '%s'"});

    /**
     * Seconds PostgreSQL needs to COPY the run's document rows into empty tables of the same shape. The rows are
     * streamed out to temporary files first (untimed; at ten million lines they do not fit a heap of 1 GiB) and
     * streamed from there into COPY (timed).
     */
    private static double copyFloor(PGSimpleDataSource dataSource, UUID runId) throws SQLException, IOException {
        List<Path> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String[] table : DOCUMENT_TABLES) {
                Path file = Files.createTempFile("floor-" + table[0], ".copy");
                files.add(file);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                    copy.copyOut("COPY (" + table[1].formatted(runId) + ") TO STDOUT", out);
                }
                execute(c, "drop table if exists floor_" + table[0]);
                execute(c, "create table floor_" + table[0] + " (like " + table[0] + " including all)");
            }
            checkpoint(dataSource);
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int t = 0; t < DOCUMENT_TABLES.size(); t++) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(t)), 1 << 20)) {
                    copy.copyIn("COPY floor_" + DOCUMENT_TABLES.get(t)[0] + " FROM STDIN", in);
                }
            }
            c.commit();
            double seconds = seconds(start);
            c.setAutoCommit(true);
            for (String[] table : DOCUMENT_TABLES) {
                execute(c, "drop table floor_" + table[0]);
            }
            return seconds;
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    // --- late facts -------------------------------------------------------------------------------------

    /**
     * What an operator, an admin and the directory tell billing after 2026-09 to 2026-11 were billed: 1 % of
     * the licences running since before 2026-09 change — half went live only on 2026-09-16, a quarter were
     * suspended from 2026-09-10 to 2026-10-05, a quarter ended on 2026-09-30 — and three municipalities
     * billing did not know turn out to have taken part in three widely used cost-sharing plans since 2026-09-01,
     * which lowers every other participant's share of all three months.
     */
    private String learnLateFacts(PGSimpleDataSource dataSource) throws SQLException {
        int changed = licences / 100;
        try (Connection c = dataSource.getConnection()) {
            execute(c, "create temporary table late (license_id uuid primary key, n int not null)");
            execute(c, "insert into late select license_id, row_number() over () from (select license_id from license"
                    + " where activated_on < '2026-09-01' and ends_on is null order by md5(license_id::text) limit " + changed + ") s");
            execute(c, "update license l set activated_on = '2026-09-16', facts_changed_at = now() from late"
                    + " where late.license_id = l.license_id and late.n % 4 in (0, 1)");
            execute(c, "insert into license_suspension (license_id, suspended_on, resumed_on)"
                    + " select license_id, '2026-09-10', '2026-10-05' from late where n % 4 = 2");
            execute(c, "update license l set facts_changed_at = now() from late where late.license_id = l.license_id and late.n % 4 = 2");
            execute(c, "update license l set ends_on = '2026-09-30', facts_changed_at = now() from late"
                    + " where late.license_id = l.license_id and late.n % 4 = 3");
            // three cost-sharing plans among the most used (solutions 0, 10 and 20: a cost-sharing plan each)
            for (int m = 0; m < 3; m++) {
                String ags = String.format("%02d%06d", 1 + m, 990_000 + m);
                execute(c, "insert into municipality (ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code,"
                        + " contact_email, updated_at, registered_at) values ('" + ags + "', 'Spätgemeinde " + m + "', "
                        + (20_000 + 5_000 * m) + ", '04011000-1234512345-06', 'Markt 1', '12345', 'Spätgemeinde', 'DE',"
                        + " 'rechnung@" + ags + ".example', now(), now())");
                execute(c, "insert into license (license_id, contract_id, adopter_ags, granted_at, activated_on, ends_on,"
                        + " facts_changed_at) values ('" + new UUID(random.nextLong(), random.nextLong()) + "', " + (10 * m + 1)
                        + ", '" + ags + "', '2026-08-20T00:00:00Z', '2026-09-01', null, '2026-08-20T00:00:00Z')");
            }
            execute(c, "vacuum analyze license");
            execute(c, "vacuum analyze license_suspension");
            execute(c, "vacuum analyze municipality");
        }
        return String.format("%,d licences changed, 3 late cost-sharing participants", changed);
    }

    // --- plumbing ---------------------------------------------------------------------------------------

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void checkpoint(PGSimpleDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, "checkpoint");
        }
    }

    private static void resetPeakMemory() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            // Linux: resets the process's peak resident set (VmHWM) so that it covers the run only.
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("(peak RSS covers the whole process: " + e.getMessage() + ")");
        }
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static long peakRssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static long postmasterPid(PGSimpleDataSource dataSource) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            for (String line : Files.readAllLines(Path.of("/proc/" + rs.getInt(1) + "/status"))) {
                if (line.startsWith("PPid:")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
        }
        throw new IllegalStateException("no parent of the PostgreSQL backend");
    }

    /**
     * CPU seconds of the PostgreSQL server: the postmaster's own and that of its ended children, plus every
     * running child (backends, WAL writer, checkpointer) — from /proc, in clock ticks of 1/100 s.
     */
    private static double postgresCpuSeconds(long postmaster) throws IOException {
        long ticks = cpuTicks(postmaster, true);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    try {
                        String status = Files.readString(process.resolve("status"));
                        if (status.contains("\nPPid:\t" + postmaster + "\n")) {
                            ticks += cpuTicks(Long.parseLong(name), false);
                        }
                    } catch (IOException ended) {
                        // the process ended while we looked; its time is in the postmaster's children time
                    }
                }
            }
        }
        return ticks / 100.0;
    }

    /** A backend ends with its connection; once the postmaster has reaped it, its time is the postmaster's. */
    private static double postgresCpuAfterConnectionsEnded(long postmaster) throws IOException, InterruptedException {
        Thread.sleep(1000);
        return postgresCpuSeconds(postmaster);
    }

    private static long cpuTicks(long pid, boolean withEndedChildren) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from "state" on: utime is field 14 of stat, i.e. index 11 here; stime 12, cutime 13, cstime 14
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

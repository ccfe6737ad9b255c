package de.kommunalmarkt.billing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.run.BillingRunEngine;
import de.kommunalmarkt.common.json.StrictJsonCustomizer;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
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

    private static final BillingPeriod PERIOD = BillingPeriod.of(2026, 10);
    private static final int SOLUTIONS = 1_200;
    private static final int PROVIDERS = 400;

    private final int licences;
    private final int municipalities;
    private final int batchSize;
    private final Random random = new Random(20261101L);
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    private BillingRunBenchmark(int licences, int municipalities, int batchSize) {
        this.licences = licences;
        this.municipalities = municipalities;
        this.batchSize = batchSize;
        new StrictJsonCustomizer().customize(json);
    }

    public static void main(String[] args) throws Exception {
        int licences = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int municipalities = args.length > 1 ? Integer.parseInt(args[1]) : 11_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0, List.of("billing"))) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.jdbcUrl("billing"));
            dataSource.setUser(EmbeddedPostgresServer.USER);
            new BillingRunBenchmark(licences, municipalities, batchSize).run(dataSource);
        }
    }

    private void run(PGSimpleDataSource dataSource) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/common").load().migrate();
        try (Connection c = dataSource.getConnection()) {
            // Bulk writes of ~200 MB: no checkpoint in the middle of a measurement.
            execute(c, "alter system set max_wal_size = '8GB'");
            execute(c, "select pg_reload_conf()");
        }
        long seedStart = System.nanoTime();
        seed(dataSource);
        System.out.printf("seeded %,d licences over %,d municipalities in %.1f s%n", licences, municipalities,
                seconds(seedStart));

        BillingRunEngine engine = new BillingRunEngine(dataSource, json,
                new BillingRunEngine.Settings(batchSize, 30, 12, OptionalInt.empty()), BillingRunEngine.Listener.NONE);
        long postmaster = postmasterPid(dataSource);
        // The first run finds the billing code cold (as a service's first run after a deployment does, JIT
        // compilation included); the second, of the month before, finds it warm.
        Measurement cold = measure(dataSource, engine, postmaster, PERIOD, "first run, cold JVM");
        Measurement warm = measure(dataSource, engine, postmaster, new BillingPeriod(PERIOD.month().minusMonths(1)), "second run, warm JVM");
        Measurement regular = measure(dataSource, engine, postmaster, new BillingPeriod(PERIOD.month().plusMonths(1)),
                "third run, its correction pass finds nothing to correct");
        long changeStart = System.nanoTime();
        String changes = learnLateFacts(dataSource);
        System.out.printf("late facts: %s in %.1f s%n", changes, seconds(changeStart));
        Measurement corrected = measure(dataSource, engine, postmaster, new BillingPeriod(PERIOD.month().plusMonths(2)),
                "fourth run, correcting 2026-09 to 2026-11");
        System.out.println();
        cold.print();
        warm.print();
        regular.print();
        corrected.print();
    }

    /** What one billing run and its floor took. */
    private record Measurement(String label, BillingPeriod period, double seconds, long invoices, long lines,
            long corrections, long creditNotes, long creditNoteLines, long peakHeap, long peakRss, double jvmCpu, double postgresCpu, double floorSeconds, double floorPostgresCpu,
            String load) {

        void print() {
            System.out.println("== billing run of " + period + " (" + label + ") ==");
            System.out.printf("wall time          %8.2f s%n", seconds);
            System.out.printf("invoices           %,10d  (%,.0f invoices/s)%n", invoices, invoices / seconds);
            System.out.printf("lines              %,10d  (%,.0f lines/s)%n", lines, lines / seconds);
            if (corrections > 0) {
                System.out.printf("corrections        %,10d  (re-priced amounts that differ from the ledger)%n", corrections);
                System.out.printf("credit notes       %,10d  with %,d lines%n", creditNotes, creditNoteLines);
            }
            System.out.printf("peak heap          %8.0f MiB (JVM heap pools, max %,d MiB)%n", peakHeap / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576);
            System.out.printf("peak RSS           %8.0f MiB (this JVM's resident set during the run)%n", peakRss / 1048576.0);
            System.out.printf("COPY floor         %8.2f s (the same %,d invoice, %,d line, %,d credit-note and %,d credit-note-line"
                    + " rows into tables of the same shape)%n", floorSeconds, invoices, lines, creditNotes, creditNoteLines);
            System.out.printf("ratio run / floor  %8.2f x%n", seconds / floorSeconds);
            System.out.printf("CPU                %8.2f s JVM + %.2f s PostgreSQL (floor: %.2f s PostgreSQL), load average %s%n",
                    jvmCpu, postgresCpu, floorPostgresCpu, load);
            System.out.println();
        }
    }

    private static Measurement measure(PGSimpleDataSource dataSource, BillingRunEngine engine, long postmaster,
            BillingPeriod period, String label) throws Exception {
        checkpoint(dataSource);
        resetPeakMemory();
        double jvmCpuBefore = jvmCpuSeconds();
        double postgresCpuBefore = postgresCpuSeconds(postmaster);
        long start = System.nanoTime();
        UUID runId = engine.open(period, "benchmark", period.lastDay().plusDays(1));
        BillingRunEngine.Outcome outcome = engine.execute(runId);
        double seconds = seconds(start);
        double jvmCpu = jvmCpuSeconds() - jvmCpuBefore;
        double postgresCpu = postgresCpuAfterConnectionsEnded(postmaster) - postgresCpuBefore;
        long peakHeap = peakHeapBytes();
        long peakRss = peakRssBytes();
        String load = Files.readString(Path.of("/proc/loadavg")).substring(0, 14);
        long invoices;
        long lines;
        long corrections;
        long creditNotes;
        long creditNoteLines;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select invoices_issued, lines_issued, licenses_total, corrections_planned,"
                        + " credit_notes_issued, (select count(*) from credit_note_line l join credit_note n on n.id = l.credit_note_id"
                        + " where n.run_id = r.id) from billing_run r where id = '" + runId + "'")) {
            rs.next();
            invoices = rs.getLong(1);
            lines = rs.getLong(2);
            corrections = rs.getLong(4);
            creditNotes = rs.getLong(5);
            creditNoteLines = rs.getLong(6);
            System.out.printf("%s: run %s %s, %,d licences billed, %,d corrections, in %.2f s%n", period, runId, outcome,
                    rs.getLong(3), corrections, seconds);
        }
        double postgresCpuBeforeFloor = postgresCpuSeconds(postmaster);
        double floorSeconds = copyFloor(dataSource, runId);
        double floorPostgresCpu = postgresCpuAfterConnectionsEnded(postmaster) - postgresCpuBeforeFloor;
        return new Measurement(label, period, seconds, invoices, lines, corrections, creditNotes, creditNoteLines, peakHeap, peakRss, jvmCpu, postgresCpu, floorSeconds,
                floorPostgresCpu, load);
    }

    // --- the floor -----------------------------------------------------------------------------------

    /** The documents a run writes, each as the query selecting its rows. */
    private static final List<String[]> DOCUMENT_TABLES = List.of(
            new String[] {"invoice", "select * from invoice where run_id = '%s'"},
            new String[] {"invoice_line", "select l.* from invoice_line l join invoice i on i.id = l.invoice_id where i.run_id = '%s'"},
            new String[] {"credit_note", "select * from credit_note where run_id = '%s'"},
            new String[] {"credit_note_line",
                    "select l.* from credit_note_line l join credit_note n on n.id = l.credit_note_id where n.run_id = '%s'"});

    /** Seconds PostgreSQL needs to COPY the run's document rows into empty tables of the same shape. */
    private static double copyFloor(PGSimpleDataSource dataSource, UUID runId) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<byte[]> rows = new java.util.ArrayList<>();
            for (String[] table : DOCUMENT_TABLES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(table[0].equals("invoice_line") ? 160 << 20 : 1 << 20);
                copy.copyOut("COPY (" + table[1].formatted(runId) + ") TO STDOUT", out);
                rows.add(out.toByteArray());
                execute(c, "drop table if exists floor_" + table[0]);
                execute(c, "create table floor_" + table[0] + " (like " + table[0] + " including all)");
            }
            checkpoint(dataSource);
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int t = 0; t < DOCUMENT_TABLES.size(); t++) {
                copy.copyIn("COPY floor_" + DOCUMENT_TABLES.get(t)[0] + " FROM STDIN", new ByteArrayInputStream(rows.get(t)));
            }
            c.commit();
            return seconds(start);
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

    // --- seeding billing's view tables ----------------------------------------------------------------

    private void seed(PGSimpleDataSource dataSource) throws SQLException, IOException {
        String[] ags = new String[municipalities];
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (int m = 0; m < municipalities; m++) {
                ags[m] = String.format("%02d%06d", 1 + m % 16, 1000 + (m / 16) * 13);
                long inhabitants = Math.max(150, Math.min(3_700_000, Math.round(Math.exp(8.6 + 1.25 * random.nextGaussian()))));
                rows.append(ags[m]).append("\tGemeinde ").append(m).append('\t').append(inhabitants)
                        .append("\t04011000-1234512345-06\tRathausplatz 1\t12345\tGemeinde ").append(m)
                        .append("\tDE\trechnung@").append(ags[m]).append(".example\t2026-01-01T00:00:00Z\t2026-01-01T00:00:00Z\n");
            }
            copy(copy, "municipality (ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code, "
                    + "contact_email, updated_at, registered_at)", rows);

            for (int s = 0; s < SOLUTIONS; s++) {
                PlanTerms plan = plan(s);
                rows.append(plan.planId()).append('\t').append(plan.name()).append("\tsolution-").append(s)
                        .append("\tLösung ").append(s).append('\t').append(ags[s % PROVIDERS]).append('\t')
                        .append(plan.model()).append('\t').append(json.writeValueAsString(plan).replace("\\", "\\\\"))
                        .append('\n');
            }
            copy(copy, "contract (plan_id, plan_name, solution_id, solution_name, provider_ags, price_model, terms)", rows);

            int[] adopters = adoptersPerSolution();
            int[] shuffled = new int[municipalities];
            for (int m = 0; m < municipalities; m++) {
                shuffled[m] = m;
            }
            StringBuilder suspensions = new StringBuilder();
            int written = 0;
            for (int s = 0; s < SOLUTIONS; s++) {
                for (int i = 0; i < adopters[s]; i++) {
                    // a partial Fisher-Yates shuffle: distinct adopters for each solution
                    int pick = i + random.nextInt(municipalities - i);
                    int m = shuffled[pick];
                    shuffled[pick] = shuffled[i];
                    shuffled[i] = m;
                    UUID licenseId = new UUID(random.nextLong(), random.nextLong());
                    rows.append(licenseId).append('\t').append(s + 1).append('\t').append(ags[m])
                            .append("\t2024-01-01T00:00:00Z\t").append(activation()).append('\t').append(end())
                            .append("\t2024-01-01T00:00:00Z\n");
                    if (random.nextInt(200) == 0) {
                        suspensions.append(licenseId).append("\t2026-10-10\t")
                                .append(random.nextBoolean() ? "2026-10-20" : "\\N").append('\n');
                    }
                    if (++written % 100_000 == 0) {
                        copy(copy, "license (license_id, contract_id, adopter_ags, granted_at, activated_on, ends_on, facts_changed_at)", rows);
                    }
                }
            }
            copy(copy, "license (license_id, contract_id, adopter_ags, granted_at, activated_on, ends_on, facts_changed_at)", rows);
            copy(copy, "license_suspension (license_id, suspended_on, resumed_on)", suspensions);
            execute(c, "vacuum analyze municipality");
            execute(c, "vacuum analyze contract");
            execute(c, "vacuum analyze license");
            execute(c, "vacuum analyze license_suspension");
        }
    }

    /** How many municipalities license each solution: a few are used almost everywhere, most by a few hundred. */
    private int[] adoptersPerSolution() {
        double[] weight = new double[SOLUTIONS];
        for (int s = 0; s < SOLUTIONS; s++) {
            weight[s] = 1 / Math.pow(s + 1, 0.75);
        }
        double low = 0;
        double high = 1e9;
        int[] count = new int[SOLUTIONS];
        for (int step = 0; step < 100; step++) {
            double scale = (low + high) / 2;
            long total = 0;
            for (int s = 0; s < SOLUTIONS; s++) {
                total += Math.min(municipalities, (long) (weight[s] * scale));
            }
            if (total < licences) {
                low = scale;
            } else {
                high = scale;
            }
        }
        long total = 0;
        for (int s = 0; s < SOLUTIONS; s++) {
            count[s] = (int) Math.min(municipalities, (long) (weight[s] * low));
            total += count[s];
        }
        for (int s = SOLUTIONS - 1; total < licences; s = s == 0 ? SOLUTIONS - 1 : s - 1) {
            if (count[s] < municipalities) {
                count[s]++;
                total++;
            }
        }
        return count;
    }

    /** Most licences run the whole month; 3 % went live during it (pro rata, setup fee). */
    private String activation() {
        if (random.nextInt(100) < 3) {
            return PERIOD.firstDay().plusDays(random.nextInt(PERIOD.days())).toString();
        }
        return LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1000)).toString();
    }

    /** 2 % end with the period or in it. */
    private String end() {
        int roll = random.nextInt(100);
        if (roll < 1) {
            return PERIOD.lastDay().toString();
        }
        if (roll < 2) {
            return PERIOD.firstDay().plusDays(random.nextInt(PERIOD.days())).toString();
        }
        return "\\N";
    }

    /** One plan per solution: 20 % cost sharing (every key), 30 % flat, 20 % per inhabitant, 20 % tiered, 10 % free. */
    private PlanTerms plan(int solution) {
        BigDecimal setupFee = solution % 5 == 0 ? new BigDecimal(250 + 50 * (solution % 7) + ".00") : BigDecimal.ZERO;
        String category = solution % 7 == 3 ? "E" : "S";
        BigDecimal vatRate = category.equals("E") ? BigDecimal.ZERO : solution % 11 == 5 ? new BigDecimal("0.07")
                : new BigDecimal("0.19");
        String reason = category.equals("E") ? "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)" : null;
        PriceModel model = switch (solution % 10) {
            case 0, 1 -> PriceModel.COST_SHARING;
            case 2, 3, 4 -> PriceModel.FLAT;
            case 5, 6 -> PriceModel.PER_INHABITANT;
            case 7, 8 -> PriceModel.TIERED;
            default -> PriceModel.FREE;
        };
        CostSharingKey key = CostSharingKey.values()[solution / 10 % 3];
        return new PlanTerms("plan-" + solution, "Plan " + solution, model,
                model == PriceModel.FLAT ? new BigDecimal(49 + solution % 400 + ".00") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("12.50") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("50.00") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("2000.00") : null,
                model == PriceModel.TIERED ? List.of(new Tier(10_000L, new BigDecimal("99.00")),
                        new Tier(100_000L, new BigDecimal("490.00")), new Tier(null, new BigDecimal("1900.00"))) : null,
                model == PriceModel.COST_SHARING ? new BigDecimal(20_000 + 1_000 * (solution % 50) + ".00") : null,
                model == PriceModel.COST_SHARING ? key : null,
                model == PriceModel.COST_SHARING && key == CostSharingKey.MIXED ? new BigDecimal("0.6") : null,
                setupFee, 12, 90, vatRate, category, reason, "EUR");
    }

    // --- plumbing ---------------------------------------------------------------------------------------

    private static void copy(CopyManager copy, String table, StringBuilder rows) throws SQLException, IOException {
        copy.copyIn("COPY " + table + " FROM STDIN",
                new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        rows.setLength(0);
    }

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

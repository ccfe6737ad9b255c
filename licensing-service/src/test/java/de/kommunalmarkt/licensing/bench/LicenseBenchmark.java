package de.kommunalmarkt.licensing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.outbox.CloudEventHeaders;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.DomainEvent;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.OperatorRegistered;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PostalAddress;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionState;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.testsupport.bench.BenchOptions;
import de.kommunalmarkt.testsupport.bench.ClosedLoop;
import de.kommunalmarkt.testsupport.bench.CpuMeter;
import io.smallrye.jwt.build.Jwt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Licence requests against running licensing-service instances: {@code POST /api/licenses} under AUTO
 * approval, and under MANUAL approval followed by the provider's approve, at several numbers of
 * concurrent clients over one and two instances, each row beside the raw JDBC single-row
 * insert-commit rate of the same database at the same concurrency (the baseline). Then the latency of
 * a granted licence's {@code DeploymentRequested} to Kafka and to the operator's SSE stream, and at the
 * end a check of what the load left behind: no operator above its capacity, every queue first in first
 * out, exactly one DeploymentRequested per requested deployment. Not a test: started by
 * {@code licensing-service/bench/run.sh}.
 *
 * <p>The read model is fed as the catalog feeds it, with contract events on Kafka. Tokens are signed
 * with a key made for the run, whose public half the services are started with: they check every
 * token (signature, issuer, expiry, roles) as they check Keycloak's.
 */
public final class LicenseBenchmark {

    private static final ObjectMapper JSON = CatalogEvents.JSON;
    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);
    /** Municipalities that request licences; each requests each solution once at most. */
    private static final int ADOPTERS = 256;

    record Options(List<URI> urls, String jdbcUrl, Properties kafka, PrivateKey key, String issuer, List<Integer> clients,
            List<Integer> instances, Duration measure, Duration warmup, Duration baseline, int operators, int capacity,
            int latencyEvents, Map<String, Long> pids, Duration jitWarmup) {
    }

    /** The baseline at one concurrency: insert-commits per second, and the machine's CPU milliseconds per insert. */
    record Baseline(double perSecond, double machineMillisPerInsert) {
    }

    record Row(String kind, int instances, int clients, long licences, long calls, long errors, double seconds, long p50Micros,
            long p99Micros, Baseline baseline, CpuMeter.Usage cpu) {
        double baselinePerSecond() {
            return baseline.perSecond();
        }

        /** CPU milliseconds per licence of {@code millis} spent in the measured part; -1 if not metered. */
        double perLicence(long millis) {
            return cpu == null || licences == 0 || millis < 0 ? -1 : (double) millis / licences;
        }

        double perSecond() {
            return licences / seconds;
        }
    }

    /** One scenario's seeded world: operators, solutions with their providers' tokens. */
    record World(List<String> operators, List<String> solutions, List<String> plans, List<String> providerTokens) {
    }

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<String, String> producer;
    private final List<String> adopterAgs = new ArrayList<>();
    private final List<String> adopterTokens = new ArrayList<>();
    private final List<String> seededOperators = new ArrayList<>();
    private final Map<String, Integer> capacities = new LinkedHashMap<>();
    private int worlds;

    private LicenseBenchmark(Options options) {
        this.o = options;
        Properties props = new Properties();
        props.putAll(options.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchOptions.parse(args);
        List<URI> urls = Arrays.stream(a.get("urls").split(",")).map(URI::create).toList();
        for (URI url : urls) {
            if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("the benchmark only loads services on this machine (loopback), not " + url);
            }
        }
        Properties kafka = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(a.get("kafka-config")))) {
            kafka.load(in);
        }
        Options options = new Options(urls, a.get("jdbc-url"), kafka, privateKey(Path.of(a.get("private-key"))), a.get("issuer"),
                ints(a.getOrDefault("clients", "1,16,64")), ints(a.getOrDefault("instances", "1,2")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("seconds", "10"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup-seconds", "3"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("baseline-seconds", "5"))),
                Integer.parseInt(a.getOrDefault("operators", "4")), Integer.parseInt(a.getOrDefault("capacity", "5")),
                Integer.parseInt(a.getOrDefault("latency-events", "200")), pids(a.getOrDefault("pids", "")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("jit-warmup-seconds", "60"))));
        if (options.instances().stream().anyMatch(i -> i > urls.size())) {
            throw new IllegalArgumentException("more instances asked for than --urls names");
        }
        int failures = new LicenseBenchmark(options).run();
        System.exit(failures == 0 ? 0 : 1);
    }

    private int run() throws Exception {
        registerAdopters();
        Map<Integer, Baseline> baseline = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%nLoad: %d s per row after %d s warm-up (and %d s unmeasured load before the rows of each "
                        + "instance count); %d operators of capacity %d per row; %d adopters%n",
                o.measure().toSeconds(), o.warmup().toSeconds(), o.jitWarmup().toSeconds(), o.operators(), o.capacity(), ADOPTERS);
        for (int instances : o.instances()) {
            warmUp(instances);
            for (int clients : o.clients()) {
                Baseline base = baseline.containsKey(clients) ? baseline.get(clients) : insertCommitRate(clients);
                baseline.put(clients, base);
                for (ApprovalPolicy policy : List.of(ApprovalPolicy.AUTO, ApprovalPolicy.MANUAL)) {
                    Row row = load(policy, instances, clients, base);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "  %-22s %d inst %3d clients %7.1f licences/s  p50 %7.2f ms  p99 %7.2f ms  "
                                    + "(%d calls, %d errors; baseline %.0f inserts/s)%n", row.kind(), instances, clients,
                            row.perSecond(), row.p50Micros() / 1000.0, row.p99Micros() / 1000.0, row.calls(), row.errors(),
                            base.perSecond());
                }
            }
        }
        List<String> latency = new ArrayList<>();
        for (int instances : o.instances()) {
            latency.addAll(eventLatency(instances));
        }
        report(rows, latency);
        List<String> failures = check(rows);
        if (failures.isEmpty()) {
            System.out.println("Checks passed: no operator above its capacity, every queue first in first out, "
                    + "exactly one DeploymentRequested per requested deployment, none for a queued one, no call failed.");
        } else {
            System.out.println("CHECKS FAILED:");
            failures.forEach(f -> System.out.println("  - " + f));
        }
        producer.close();
        return failures.size();
    }

    // ---- seeding -------------------------------------------------------------------------------------

    private void registerAdopters() throws Exception {
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < ADOPTERS; i++) {
            String ags = "%02d%06d".formatted(1 + i % 16, 900_000 + i);
            adopterAgs.add(ags);
            adopterTokens.add(token("adopter-" + ags, "adopter", Map.of("municipality", ags)));
            send(new MunicipalityRegistered(ags, "Benchstadt " + i, 50_000, ags + "-KM001-20",
                    new PostalAddress("Rathausplatz 1", "50667", "Benchstadt " + i, "DE"), "it@bench" + i + ".example"));
            registered.add(ags);
        }
        producer.flush();
        awaitCount("select count(*) from catalog_municipality where ags = any(?)", registered.toArray(String[]::new), ADOPTERS);
    }

    /** Operators and solutions for one row, fresh so rows do not share queues or open licences. */
    private World world(ApprovalPolicy policy, int solutions, int capacity, int operatorCount) throws Exception {
        int w = ++worlds;
        List<String> operators = new ArrayList<>();
        for (int i = 0; i < operatorCount; i++) {
            String id = "bench-op-%03d-%d".formatted(w, i);
            operators.add(id);
            seededOperators.add(id);
            capacities.put(id, capacity);
            send(new OperatorRegistered(id, "Betreiber " + id, OperatorType.REGIONAL_IT_PROVIDER, List.of("05", "08"), capacity,
                    "betrieb@" + id + ".example"));
        }
        List<String> ids = new ArrayList<>();
        List<String> plans = new ArrayList<>();
        List<String> providerTokens = new ArrayList<>();
        for (int i = 0; i < solutions; i++) {
            String id = UUID.randomUUID().toString();
            String provider = "%02d%06d".formatted(1 + i % 16, (w * 1000 + i) % 1_000_000);
            PlanTerms plan = new PlanTerms(UUID.randomUUID().toString(), "Pauschal", PriceModel.FLAT, new BigDecimal("300.00"),
                    null, null, null, null, null, null, null, new BigDecimal("500.00"), 12, 90, new BigDecimal("0.19"), "S", null,
                    "EUR");
            send(new SolutionPublished(id, provider, "Benchlösung " + w + "-" + i, "Last für den Benchmark", "Bürgerbeteiligung",
                    SolutionState.PUBLISHED, policy, REGIONAL, List.of(HostingMode.CLOUD), List.of(plan), Instant.now()));
            ids.add(id);
            plans.add(plan.planId());
            providerTokens.add(token("provider-" + provider, "provider", Map.of("municipality", provider)));
        }
        producer.flush();
        awaitCount("select count(*) from catalog_operator where id = any(?)", operators.toArray(String[]::new), operatorCount);
        awaitCount("select count(*) from catalog_solution where id = any(?)", ids.toArray(String[]::new), solutions);
        return new World(operators, ids, plans, providerTokens);
    }

    private void send(DomainEvent event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), JSON.writeValueAsString(event));
        CloudEventHeaders.of(UUID.randomUUID().toString(), "catalog-service", event.type(), Instant.now().toString(), event.subject())
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(record);
    }

    private void awaitCount(String sql, String[] ids, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(sql)) {
            s.setArray(1, db.createArrayOf("varchar", ids));
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("licensing did not apply the seeded events in 120 s: " + sql);
                }
                Thread.sleep(100);
            }
        }
    }

    // ---- load ----------------------------------------------------------------------------------------

    /**
     * One row: {@code clients} threads, each spread over the first {@code instances} URLs, ask for
     * licences (AUTO: one POST; MANUAL: POST, then the provider's approve) until the time is up.
     */
    /**
     * Load that is not measured, before the rows of {@code instances} instances: a service that has only
     * just started spends much of its CPU compiling its request paths (the JIT), and the rows are to show
     * a service that runs, not one that starts. Half AUTO, half MANUAL, at 16 clients.
     */
    private void warmUp(int instances) throws Exception {
        if (o.jitWarmup().isZero()) {
            return;
        }
        System.out.printf(Locale.ROOT, "  warming up %d instance(s) for %d s, not measured (the JIT compiles the request paths)%n",
                instances, o.jitWarmup().toSeconds());
        for (ApprovalPolicy policy : List.of(ApprovalPolicy.AUTO, ApprovalPolicy.MANUAL)) {
            load(policy, instances, 16, null, o.jitWarmup().dividedBy(2), Duration.ZERO);
        }
    }

    private Row load(ApprovalPolicy policy, int instances, int clients, Baseline baseline) throws Exception {
        return load(policy, instances, clients, baseline, o.warmup(), o.measure());
    }

    private Row load(ApprovalPolicy policy, int instances, int clients, Baseline baseline, Duration warmup, Duration measure)
            throws Exception {
        settle();
        Duration total = warmup.plus(measure);
        // enough (adopter, solution) pairs for a generous rate over warm-up and measurement
        int solutions = Math.max(8, (int) Math.ceil(1500.0 * total.toSeconds() / ADOPTERS));
        World world = world(policy, solutions, o.capacity(), o.operators());
        long maxRequests = (long) solutions * ADOPTERS;
        AtomicLong errors = new AtomicLong();
        AtomicLong licences = new AtomicLong();
        ClosedLoop.Outcome outcome = ClosedLoop.run(clients, warmup, measure, maxRequests, meter(), (client, n, timer) -> {
            URI base = o.urls().get(client % instances);
            int adopter = (int) (n % ADOPTERS);
            int solution = (int) (n / ADOPTERS);
            String body = "{\"solutionId\":\"%s\",\"planId\":\"%s\",\"operatorId\":\"%s\"}".formatted(
                    world.solutions().get(solution), world.plans().get(solution),
                    world.operators().get((int) (n % world.operators().size())));
            boolean measured = timer.measuring();
            long t0 = System.nanoTime();
            HttpResponse<String> created = post(base.resolve("/api/licenses"), adopterTokens.get(adopter), body);
            long t1 = System.nanoTime();
            timer.record(measured, t0, t1);
            boolean ok = created.statusCode() == 201;
            if (ok && policy == ApprovalPolicy.MANUAL) {
                String id = JSON.readTree(created.body()).path("id").asText();
                HttpResponse<String> approved = post(base.resolve("/api/licenses/" + id + "/approve"),
                        world.providerTokens().get(solution), "");
                timer.record(measured, t1, System.nanoTime());
                ok = approved.statusCode() == 200;
                if (!ok) {
                    created = approved;
                }
            }
            if (!ok) {
                if (errors.incrementAndGet() <= 3) {
                    System.out.println("    error " + created.statusCode() + ": " + created.body());
                }
            } else if (measured) {
                licences.incrementAndGet();
            }
        });
        return new Row(policy == ApprovalPolicy.AUTO ? "AUTO: request" : "MANUAL: request+approve", instances, clients,
                licences.get(), outcome.calls(), errors.get() + outcome.failures(), outcome.seconds(),
                outcome.percentileMicros(0.50), outcome.percentileMicros(0.99), baseline, outcome.cpu());
    }

    /** Meters the services and the infrastructure JVM named by {@code --pids} (and this JVM), on Linux. */
    private CpuMeter meter() {
        return CpuMeter.available() ? new CpuMeter(o.pids()) : null;
    }

    /** {@code name=pid,name=pid}: the processes whose CPU the rows show. */
    private static Map<String, Long> pids(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (!entry.isBlank()) {
                String[] kv = entry.split("=", 2);
                pids.put(kv[0].strip(), Long.parseLong(kv[1].strip()));
            }
        }
        return pids;
    }

    private HttpResponse<String> post(URI uri, String token, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The raw rate of single-row insert transactions, each committed, with {@code clients} connections. */
    private Baseline insertCommitRate(int clients) throws Exception {
        settle();
        try (Connection db = db(); Statement s = db.createStatement()) {
            s.execute("create table if not exists bench_baseline (id bigserial primary key, client int not null, "
                    + "at timestamptz not null default now(), payload text not null)");
        }
        AtomicLong inserts = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long end = System.nanoTime() + o.baseline().toNanos();
        long t0 = System.nanoTime();
        CpuMeter meter = meter();
        CpuMeter.Reading cpuAtStart = meter == null ? null : meter.read();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try (Connection db = db(); PreparedStatement insert = db.prepareStatement(
                        "insert into bench_baseline (client, payload) values (?, ?)")) {
                    db.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        insert.setInt(1, client);
                        insert.setString(2, "Zeile eines Benchmarks, so lang wie eine kleine Zeile einer Lizenz");
                        insert.executeUpdate();
                        db.commit();
                        inserts.incrementAndGet();
                    }
                } catch (SQLException e) {
                    System.out.println("    baseline client failed: " + e);
                } finally {
                    done.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double perSecond = inserts.get() / ((System.nanoTime() - t0) / 1e9);
        long machine = cpuAtStart == null ? -1 : cpuAtStart.until().machineMillis();
        return new Baseline(perSecond, machine < 0 || inserts.get() == 0 ? -1 : (double) machine / inserts.get());
    }

    // ---- event latency -------------------------------------------------------------------------------

    /**
     * Grants {@code latency-events} licences one after another (paced, the machine otherwise idle), each
     * with a free slot, alternating over the instances, while a Kafka consumer reads
     * {@code licensing.deployments} and the operator's SSE stream is open on the first instance. The
     * latency of an event is from the moment the licence's response arrived (its transaction had
     * committed before) to the moment the event arrived; one that arrived before the response counts 0.
     */
    private List<String> eventLatency(int instances) throws Exception {
        World world = world(ApprovalPolicy.AUTO, 1, 100_000, 1);
        String operator = world.operators().get(0);
        Map<String, Long> responded = new ConcurrentHashMap<>();
        Map<String, Long> onKafka = new ConcurrentHashMap<>();
        Map<String, Long> onSse = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);

        Properties props = new Properties();
        props.putAll(o.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LICENSING_DEPLOYMENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread kafkaReader = new Thread(() -> {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long at = System.nanoTime();
                    if ("DeploymentRequested".equals(header(r, "ce_type"))) {
                        onKafka.putIfAbsent(field(r.value(), "licenseId"), at);
                    }
                }
            }
            consumer.close();
        }, "bench-kafka-latency");
        kafkaReader.start();

        String operatorToken = token("operator-" + operator, "operator", Map.of("operator", operator));
        HttpRequest sseRequest = HttpRequest.newBuilder(o.urls().get(0).resolve("/api/deployments/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + operatorToken).build();
        HttpResponse<InputStream> sse = http.send(sseRequest, HttpResponse.BodyHandlers.ofInputStream());
        if (sse.statusCode() != 200) {
            throw new IllegalStateException("the operator's stream answered " + sse.statusCode());
        }
        Thread sseReader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "DeploymentRequested".equals(event)) {
                        onSse.putIfAbsent(field(line.substring(5).strip(), "licenseId"), System.nanoTime());
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            } catch (IOException e) {
                if (running.get()) {
                    System.out.println("    SSE stream ended: " + e);
                }
            }
        }, "bench-sse-latency");
        sseReader.setDaemon(true);
        sseReader.start();
        Thread.sleep(1000); // consumer assigned, stream subscribed

        List<String> licences = new ArrayList<>();
        for (int i = 0; i < o.latencyEvents(); i++) {
            String body = "{\"solutionId\":\"%s\",\"planId\":\"%s\",\"operatorId\":\"%s\"}".formatted(world.solutions().get(0),
                    world.plans().get(0), operator);
            HttpResponse<String> created = post(o.urls().get(i % instances).resolve("/api/licenses"), adopterTokens.get(i % ADOPTERS),
                    body);
            long at = System.nanoTime();
            if (created.statusCode() != 201) {
                throw new IllegalStateException("licence request answered " + created.statusCode() + ": " + created.body());
            }
            String id = JSON.readTree(created.body()).path("id").asText();
            responded.put(id, at);
            licences.add(id);
            Thread.sleep(50); // one every ~50 ms: latency on an idle service, not under load
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((onKafka.keySet().containsAll(licences) && onSse.keySet().containsAll(licences)) == false
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.set(false);
        kafkaReader.join();
        sse.body().close();
        return List.of(latencyLine("Kafka licensing.deployments", instances, licences, responded, onKafka),
                latencyLine("SSE stream (instance 1)", instances, licences, responded, onSse));
    }

    private static String latencyLine(String where, int instances, List<String> licences, Map<String, Long> responded,
            Map<String, Long> arrived) {
        long[] micros = licences.stream().filter(arrived::containsKey)
                .mapToLong(id -> Math.max(0, arrived.get(id) - responded.get(id)) / 1000).sorted().toArray();
        return String.format(Locale.ROOT, "| %-30s | %9d | %8d/%-5d | %8.2f | %8.2f | %8.2f |", where, instances, micros.length,
                licences.size(), ClosedLoop.percentile(micros, 0.50) / 1000.0, ClosedLoop.percentile(micros, 0.99) / 1000.0,
                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }

    // ---- report and checks ---------------------------------------------------------------------------

    private void report(List<Row> rows, List<String> latency) {
        System.out.printf(Locale.ROOT, "%n| %-24s | %9s | %7s | %10s | %8s | %8s | %6s | %16s | %8s |%n", "scenario", "instances",
                "clients", "licences/s", "p50 ms", "p99 ms", "errors", "baseline inserts/s", "ratio");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(26), "-".repeat(11), "-".repeat(9), "-".repeat(12),
                "-".repeat(10), "-".repeat(10), "-".repeat(8), "-".repeat(20), "-".repeat(10));
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %-24s | %9d | %7d | %10.1f | %8.2f | %8.2f | %6d | %18.0f | %7.1f%% |%n", r.kind(),
                    r.instances(), r.clients(), r.perSecond(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.errors(),
                    r.baselinePerSecond(), 100 * r.perSecond() / r.baselinePerSecond());
        }
        System.out.println("(MANUAL: a licence is two calls, request and approve; p50/p99 are per call. Ratio: licences/s "
                + "over single-row insert-commits/s of the same database at the same number of clients.)");
        reportCpu(rows);
        System.out.printf(Locale.ROOT, "%nEvent latency, from the licence's response (committed) to DeploymentRequested:%n");
        System.out.printf("| %-30s | %9s | %14s | %8s | %8s | %8s |%n", "arrived on", "instances", "events", "p50 ms", "p99 ms",
                "max ms");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(32), "-".repeat(11), "-".repeat(16), "-".repeat(10), "-".repeat(10),
                "-".repeat(10));
        latency.forEach(System.out::println);
    }

    /**
     * Where a licence's CPU went, per row: the whole machine (every process), each metered process, and the
     * rest (PostgreSQL's processes, the operating system); beside it the machine's CPU per baseline insert.
     */
    private void reportCpu(List<Row> rows) {
        if (rows.stream().allMatch(r -> r.cpu() == null)) {
            return;
        }
        List<String> names = new ArrayList<>(rows.stream().filter(r -> r.cpu() != null).findFirst().orElseThrow().cpu().processMillis().keySet());
        System.out.printf(Locale.ROOT, "%nCPU milliseconds per licence in the measured part (machine: all %d cores; rest: PostgreSQL, "
                + "operating system):%n", Runtime.getRuntime().availableProcessors());
        StringBuilder head = new StringBuilder("| scenario                 | inst | clients | cores busy | machine |");
        StringBuilder rule = new StringBuilder("|--------------------------|------|---------|------------|---------|");
        for (String name : names) {
            head.append(String.format(" %12s |", name));
            rule.append("-".repeat(14)).append('|');
        }
        head.append("   rest | baseline: machine per insert |");
        rule.append("--------|------------------------------|");
        System.out.println(head);
        System.out.println(rule);
        for (Row r : rows) {
            if (r.cpu() == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %-24s | %4d | %7d | %9.0f%% | %7.2f |", r.kind(),
                    r.instances(), r.clients(), 100 * r.cpu().machineLoad(), r.perLicence(r.cpu().machineMillis())));
            for (String name : names) {
                line.append(String.format(Locale.ROOT, " %12.2f |", r.perLicence(r.cpu().processMillis().getOrDefault(name, -1L))));
            }
            line.append(String.format(Locale.ROOT, " %6.2f | %28.3f |", r.perLicence(r.cpu().restMillis()),
                    r.baseline().machineMillisPerInsert()));
            System.out.println(line);
        }
    }

    /** What the load must have left behind; every broken rule is one line. */
    private List<String> check(List<Row> rows) throws Exception {
        List<String> failures = new ArrayList<>();
        rows.stream().filter(r -> r.errors() > 0).forEach(r -> failures.add(r.errors() + " failed calls in " + r.kind() + " "
                + r.instances() + " inst " + r.clients() + " clients"));
        settle(); // every event of the load sent before it is counted
        try (Connection db = db()) {
            Map<String, long[]> byOperator = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    select operator_id,
                           count(*) filter (where state in ('REQUESTED', 'ACCEPTED')),
                           count(*) filter (where state = 'QUEUED'),
                           coalesce(max(queue_seq) filter (where state in ('REQUESTED', 'ACCEPTED')), 0),
                           coalesce(min(queue_seq) filter (where state = 'QUEUED'), 0)
                    from deployment where operator_id = any(?) group by operator_id""")) {
                s.setArray(1, db.createArrayOf("varchar", seededOperators.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byOperator.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    }
                }
            }
            long queuedTotal = 0;
            for (Map.Entry<String, long[]> e : byOperator.entrySet()) {
                long[] v = e.getValue();
                int capacity = capacities.get(e.getKey());
                queuedTotal += v[1];
                if (v[0] > capacity) {
                    failures.add("operator " + e.getKey() + " holds " + v[0] + " deployments, capacity " + capacity);
                }
                if (v[1] > 0 && v[0] < capacity) {
                    failures.add("operator " + e.getKey() + " has " + v[1] + " queued but only " + v[0] + " of " + capacity + " slots used");
                }
                if (v[1] > 0 && v[2] > v[3]) {
                    failures.add("operator " + e.getKey() + ": queued deployment " + v[3] + " was passed by requested " + v[2]
                            + " (not first in first out)");
                }
            }
            long grantedWithoutOne = single(db, """
                    select count(*) from license l where l.state = 'GRANTED' and l.operator_id like 'bench-op-%'
                      and (select count(*) from deployment d where d.license_id = l.id) <> 1""");
            if (grantedWithoutOne > 0) {
                failures.add(grantedWithoutOne + " granted licences without exactly one deployment");
            }
            Map<String, String> requested = new HashMap<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    select cast(license_id as text), state from deployment where operator_id like 'bench-op-%'""")) {
                while (rs.next()) {
                    requested.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, Integer> events = deploymentRequestedPerLicence();
            for (Map.Entry<String, String> d : requested.entrySet()) {
                int n = events.getOrDefault(d.getKey(), 0);
                boolean holding = d.getValue().equals("REQUESTED") || d.getValue().equals("ACCEPTED");
                if (holding && n != 1) {
                    failures.add("licence " + d.getKey() + " has " + n + " DeploymentRequested events on Kafka, expected 1");
                } else if (!holding && n != 0) {
                    failures.add("licence " + d.getKey() + " is " + d.getValue() + " yet has " + n + " DeploymentRequested events");
                }
            }
            System.out.printf(Locale.ROOT, "%nChecked %d deployments of %d operators (%d still queued) against %d DeploymentRequested "
                    + "events read back from Kafka.%n", requested.size(), byOperator.size(), queuedTotal,
                    events.values().stream().mapToInt(Integer::intValue).sum());
        }
        return failures.size() > 20 ? failures.subList(0, 20) : failures;
    }

    /**
     * Waits until the work earlier load left behind is done — events and mails sent, the service's own
     * consumers (notifications) caught up — so that a row's figures are its own load's, not a backlog's.
     */
    private void settle() throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofSeconds(300).toNanos();
        try (Connection db = db(); Admin admin = Admin.create(o.kafka())) {
            while (single(db, "select count(*) from outbox_event where sent_at is null") > 0
                    || single(db, "select count(*) from mail_outbox where sent_at is null") > 0 || consumerLag(admin) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not catch up with its backlog within 300 s");
                }
                Thread.sleep(250);
            }
        }
        double waited = (System.nanoTime() - t0) / 1e9;
        if (waited > 1) {
            System.out.printf(Locale.ROOT, "    (waited %.0f s for the backlog of the load before: outbox, mails, consumers)%n", waited);
        }
    }

    /** Records the service's consumer groups have not yet committed, over all their partitions. */
    private static long consumerLag(Admin admin) throws Exception {
        long lag = 0;
        for (String group : List.of("licensing-service", "licensing-service-notifications")) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
        }
        return lag;
    }

    /** Every DeploymentRequested on licensing.deployments, counted per licence (each distinct ce_id once, duplicates too). */
    private Map<String, Integer> deploymentRequestedPerLicence() {
        Properties props = new Properties();
        props.putAll(o.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-check-" + UUID.randomUUID());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LICENSING_DEPLOYMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if ("DeploymentRequested".equals(header(r, "ce_type"))) {
                        counts.merge(field(r.value(), "licenseId"), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    // ---- small things --------------------------------------------------------------------------------

    private String token(String user, String role, Map<String, String> claims) {
        var builder = Jwt.issuer(o.issuer()).subject(user).preferredUserName(user)
                .claim("realm_access", Map.of("roles", List.of(role))).expiresIn(Duration.ofHours(2));
        claims.forEach(builder::claim);
        return builder.jws().keyId("bench").sign(o.key());
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(o.jdbcUrl(), "postgres", "");
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.path(name).asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable event: " + json, e);
        }
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

}
